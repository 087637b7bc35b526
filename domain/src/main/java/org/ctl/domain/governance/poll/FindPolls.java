package org.ctl.domain.governance.poll;

import org.ctl.domain.shared.Page;

/** Fetches polls ({@link PollView}, without their votes), the latest opened first. */
public record FindPolls(Page page) {
}
