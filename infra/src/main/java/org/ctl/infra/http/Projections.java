package org.ctl.infra.http;

import org.ctl.query.balance.BalanceProjection;
import org.ctl.query.provenance.ProvenanceProjection;
import org.ctl.query.series.SeriesProjection;

/** The processing groups of the query side, by what they project. */
public final class Projections {

    public static final String SERIES = SeriesProjection.PROCESSING_GROUP;
    public static final String BALANCES = BalanceProjection.PROCESSING_GROUP;
    public static final String PROVENANCE = ProvenanceProjection.PROCESSING_GROUP;

    private Projections() {
    }
}
