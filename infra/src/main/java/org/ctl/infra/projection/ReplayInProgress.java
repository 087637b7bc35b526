package org.ctl.infra.projection;

import java.util.List;

/** A projection whose read model is being rebuilt cannot answer, nor be replayed again before it ends. */
public class ReplayInProgress extends RuntimeException {

    /** The problem code of a read or a replay refused while a replay runs. */
    public static final String PROJECTION_REPLAYING = "PROJECTION_REPLAYING";

    private final List<String> groups;

    public ReplayInProgress(List<String> groups, String message) {
        super(message);
        this.groups = List.copyOf(groups);
    }

    /** The projections being rebuilt. */
    public List<String> groups() {
        return groups;
    }
}
