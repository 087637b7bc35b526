package org.ctl.infra.http;

import org.ctl.infra.history.LedgerVerification;
import org.ctl.infra.history.VerificationReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The independent verification, for auditors: {@code GET /api/audit/verification} re-derives every series from its
 * raw events, checks every invariant at every event and compares the result with the live read models; it answers
 * 200 with the {@link VerificationReport} ({@code passed} false when anything is broken or differs), 503
 * {@code PROJECTION_REPLAYING} while a projection is being rebuilt, 503 {@code PROJECTION_BEHIND} when the
 * projections do not reach the head in time.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final LedgerVerification verification;

    public AuditController(LedgerVerification verification) {
        this.verification = verification;
    }

    @GetMapping("/verification")
    VerificationReport verification() {
        return verification.verify();
    }
}
