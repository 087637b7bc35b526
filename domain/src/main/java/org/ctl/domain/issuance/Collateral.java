package org.ctl.domain.issuance;

import org.ctl.domain.shared.Identifier;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Required;
import org.ctl.domain.shared.RuleCode;
import org.ctl.domain.shared.RuleViolation;
import org.ctl.domain.shared.Units;

/**
 * The collateral backing a series: real assets, counted in collateral units ("qubits" in the seed).
 *
 * @param collateralId the id of the collateral; it backs at most one series
 * @param unit         the collateral unit whose published price values it (default {@link #DEFAULT_UNIT})
 * @param qubits       how many collateral units, above zero
 * @param qubitPrice   the price of one collateral unit at issuance, above zero
 */
public record Collateral(String collateralId, String unit, Units qubits, Money qubitPrice) {

    /** The collateral unit of the seed. */
    public static final String DEFAULT_UNIT = "QUBIT";

    public Collateral {
        Identifier.require(collateralId, "collateralId");
        unit = unit == null ? DEFAULT_UNIT : Identifier.require(unit, "collateral unit");
        Required.present(qubits, "qubits");
        RuleViolation.require(!qubits.isZero(), RuleCode.AMOUNT_MUST_BE_POSITIVE,
                "collateral must be backed by real assets: qubits must be above zero");
        qubitPrice = Money.positive(Required.present(qubitPrice, "qubitPrice").amount(), "qubitPrice");
    }

    /** The collateral's value at {@code pricePerUnit}. */
    public Money valueAt(Money pricePerUnit) {
        return pricePerUnit.times(qubits);
    }
}
