package org.ctl.infra.http;

import org.ctl.infra.projection.DeadLetterRetry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator actions on the projections, for auditors. {@code POST .../{group}/dead-letters/retry} retries every
 * series parked in the group's dead-letter queue (after the cause was fixed) and answers
 * {@code {group, retried, left, sequencesTried, sequencesFixed}}; 404 for a group without a queue.
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    private final DeadLetterRetry retry;

    public ProjectionAdminController(DeadLetterRetry retry) {
        this.retry = retry;
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
