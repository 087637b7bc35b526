package org.ctl.infra.http;

import java.util.List;
import org.ctl.infra.projection.DeadLetterRetry;
import org.ctl.infra.projection.ProjectionReplay;
import org.ctl.infra.projection.ReplayInProgress;
import org.ctl.infra.projection.ReplayState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator actions on the projections, for auditors. {@code POST .../{group}/dead-letters/retry} retries every
 * series parked in the group's dead-letter queue (after the cause was fixed) and answers
 * {@code {group, retried, left, sequencesTried, sequencesFixed}}; 404 for a group without a queue.
 *
 * <p>Replays: {@code POST .../{group}/replay} rebuilds one projection from the event store through Axon's reset and
 * replay, {@code POST .../replay} all of them (series, balances, provenance: no other processor); both answer 202
 * with the replay's state at once, 409 {@code PROJECTION_REPLAYING} while that projection is being rebuilt
 * already, 404 for a group that is not a projection. {@code GET .../replay} and {@code GET .../{group}/replay}
 * tell where the replays stand ({@link ReplayState}).
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    private final DeadLetterRetry retry;
    private final ProjectionReplay replay;

    public ProjectionAdminController(DeadLetterRetry retry, ProjectionReplay replay) {
        this.retry = retry;
        this.replay = replay;
    }

    @PostMapping("/replay")
    ResponseEntity<?> replayAll() {
        try {
            return ResponseEntity.accepted().body(replay.replayAll());
        } catch (ReplayInProgress busy) {
            return alreadyReplaying(busy);
        }
    }

    @GetMapping("/replay")
    List<ReplayState> replayStates() {
        return replay.states();
    }

    @PostMapping("/{group}/replay")
    ResponseEntity<?> replay(@PathVariable String group) {
        if (!replay.isProjection(group)) {
            return noProjection(group);
        }
        try {
            return ResponseEntity.accepted().body(replay.replay(group));
        } catch (ReplayInProgress busy) {
            return alreadyReplaying(busy);
        }
    }

    @GetMapping("/{group}/replay")
    ResponseEntity<?> replayState(@PathVariable String group) {
        if (!replay.isProjection(group)) {
            return noProjection(group);
        }
        return ResponseEntity.ok(replay.state(group));
    }

    private ResponseEntity<ProblemDetail> noProjection(String group) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND,
                "no projection is called " + group + "; the projections are " + replay.groups()));
    }

    private static ResponseEntity<ProblemDetail> alreadyReplaying(ReplayInProgress busy) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ReplayInProgress.PROJECTION_REPLAYING,
                busy.getMessage());
        problem.setProperty("projections", busy.groups());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @PostMapping("/{group}/dead-letters/retry")
    ResponseEntity<?> retryDeadLetters(@PathVariable String group) {
        if (!retry.hasQueue(group)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                    Problems.NOT_FOUND, "no projection with a dead-letter queue is called " + group));
        }
        return ResponseEntity.ok(retry.retryAll(group));
    }
}
