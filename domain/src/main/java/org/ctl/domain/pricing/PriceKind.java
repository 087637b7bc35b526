package org.ctl.domain.pricing;

/** What a published price is the price of. */
public enum PriceKind {
    /** One compute unit (one right), e.g. one H100 GPU-hour. */
    COMPUTE,
    /** One collateral unit, e.g. one qubit. */
    COLLATERAL
}
