package org.ctl.query.shared;

import java.math.BigDecimal;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/** How amounts read in the provenance details: stable, so that the same history always tells the same text. */
public final class Display {

    private static final int MINIMUM_PRICE_PLACES = 2;

    private Display() {
    }

    /** A price as given, with at least cents ({@code 0.2} reads {@code 0.20}, {@code 0.125} stays). */
    public static String price(Money price) {
        BigDecimal amount = price.amount().stripTrailingZeros();
        if (amount.scale() < MINIMUM_PRICE_PLACES) {
            amount = amount.setScale(MINIMUM_PRICE_PLACES);
        }
        return amount.toPlainString();
    }

    /** A number of units with its noun: {@code 1 unit}, {@code 6 units}. */
    public static String units(Units units) {
        return units.value() == 1 ? "1 unit" : units + " units";
    }

    /** An amount of money in cents, as it is settled. */
    public static String cents(Money money) {
        return money.toCents().toPlainString();
    }

    /** {@code text} cut to at most {@code maximumLength} characters, marked with an ellipsis when cut. */
    public static String bounded(String text, int maximumLength) {
        if (text == null || text.length() <= maximumLength) {
            return text;
        }
        return text.substring(0, maximumLength - 1) + "…";
    }
}
