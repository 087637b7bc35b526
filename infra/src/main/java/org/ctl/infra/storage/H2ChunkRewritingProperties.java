package org.ctl.infra.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the ledger runs H2's chunk rewriting on an embedded H2 file, under {@code ctl.storage.h2.chunk-rewriting.*}
 * (see {@link H2ChunkRewriting}).
 *
 * @param interval        the pause between two runs; 0 turns the rewriting off
 * @param bytesPerRun     at most this much of the sparsest chunks' live pages is rewritten per run
 * @param targetFillRate  a run rewrites only while the live share of the chunks, in percent, is below this
 *                        (H2's own background thread uses 90)
 */
@ConfigurationProperties("ctl.storage.h2.chunk-rewriting")
public record H2ChunkRewritingProperties(@DefaultValue("1s") Duration interval,
                                         @DefaultValue("4MB") DataSize bytesPerRun,
                                         @DefaultValue("90") int targetFillRate) {

    public H2ChunkRewritingProperties {
        if (interval.isNegative()) {
            throw new IllegalStateException("ctl.storage.h2.chunk-rewriting.interval must not be negative, was "
                    + interval);
        }
        if (bytesPerRun.toBytes() < 1 || bytesPerRun.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException("ctl.storage.h2.chunk-rewriting.bytes-per-run must be between 1 byte "
                    + "and 2 GB, was " + bytesPerRun);
        }
        if (targetFillRate < 1 || targetFillRate > 100) {
            throw new IllegalStateException("ctl.storage.h2.chunk-rewriting.target-fill-rate must be between 1 and "
                    + "100, was " + targetFillRate);
        }
    }

    boolean enabled() {
        return !interval.isZero();
    }
}
