package org.ctl.infra.projection;

import java.time.Instant;

/**
 * Where a projection's rebuild stands.
 *
 * @param group      the projection's processing group
 * @param replaying  whether its read model is being rebuilt now (its queries answer 503 PROJECTION_REPLAYING)
 * @param position   the global index its processor has reached; -1 before the first event
 * @param target     the head of the event store when the replay started: the replay ends when the processor has
 *                   reached it; -1 when no replay was started since this node started
 * @param startedAt  when this node started the last replay, or {@code null}
 * @param finishedAt when that replay reached its target, or {@code null} while it runs or when none was started
 */
public record ReplayState(String group, boolean replaying, long position, long target, Instant startedAt,
                          Instant finishedAt) {
}
