package org.ctl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctl.infra.audit.chain.ChainLink;
import org.ctl.infra.audit.chain.ChainLinks;
import org.ctl.infra.audit.chain.ChainVerification;
import org.ctl.infra.audit.chain.ChainVerifier;
import org.ctl.infra.audit.chain.LedgerChainer;

/**
 * (7) The audit: the ledger's own chainer first brings the hash chain up to the head of the store (it runs in the
 * background anyway; this waits for it), then the ledger's {@link ChainVerifier} recomputes the whole chain from the
 * raw event rows and compares it with the stored links, {@code rounds} times (the median is reported).
 */
final class AuditVerification {

    private AuditVerification() {
    }

    static void measure(LedgerUnderTest ledger, ProjectionWatch watch, int rounds, Map<String, Object> result) {
        String name = (String) result.get("storage");
        LedgerChainer chainer = ledger.bean(LedgerChainer.class);
        long head = watch.head();
        long began = System.nanoTime();
        long chained = chainer.chainAvailable();
        ChainVerifier verifier = ledger.bean(ChainVerifier.class);
        // A rolled-back command leaves a hole in the global index, which the chainer passes only after its gap
        // timeout: keep chaining until the chain reaches the head (or a minute has passed).
        ChainLinks links = ledger.bean(ChainLinks.class);
        while (links.head().map(ChainLink::globalIndex).orElse(-1L) < head && (System.nanoTime() - began) < 60_000_000_000L) {
            ProjectionWatch.sleepMillis(500);
            chained += chainer.chainAvailable();
        }
        List<Double> perSecond = new ArrayList<>();
        ChainVerification verification = null;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            verification = verifier.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            perSecond.add(verification.verifiedEvents() / seconds);
            Benchmark.log(name + " audit verification round " + round + ": " + verification.verifiedEvents()
                    + " events in " + Math.round(seconds * 10) / 10.0 + " s, " + verification.status());
        }
        result.put("auditChainedBeforeVerification", chained);
        result.put("auditVerifiedEvents", verification.verifiedEvents());
        result.put("auditVerifyStatus", verification.status());
        result.put("auditVerifyEventsPerSecond", Benchmark.round(Benchmark.median(perSecond)));
    }
}
