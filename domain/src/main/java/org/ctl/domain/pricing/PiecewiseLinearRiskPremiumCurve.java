package org.ctl.domain.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A risk-premium curve through a list of points (ratio, premium), linear between them and flat beyond the
 * first and the last. The seed's curve, 0.5 × (1 − CR) below 1 and 0 from 1 on, is the two points (0, 0.5)
 * and (1, 0). Other curves are configuration: a list of points, no code.
 */
public final class PiecewiseLinearRiskPremiumCurve implements RiskPremiumCurve {

    /** One point of the curve. */
    public record Point(BigDecimal ratio, BigDecimal premium) {
        public Point {
            Objects.requireNonNull(ratio, "ratio");
            Objects.requireNonNull(premium, "premium");
            if (ratio.signum() < 0 || premium.signum() < 0) {
                throw new IllegalArgumentException("curve points must not be negative: (" + ratio + ", " + premium + ")");
            }
        }
    }

    private final List<Point> points;

    /**
     * @param points at least one point, with strictly increasing ratios and premiums that never rise
     *               (a lower ratio must never cost less)
     */
    public PiecewiseLinearRiskPremiumCurve(List<Point> points) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("a risk-premium curve needs at least one point");
        }
        List<Point> sorted = points.stream().sorted(Comparator.comparing(Point::ratio)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).ratio().compareTo(sorted.get(i - 1).ratio()) == 0) {
                throw new IllegalArgumentException("two curve points share the ratio " + sorted.get(i).ratio());
            }
            if (sorted.get(i).premium().compareTo(sorted.get(i - 1).premium()) > 0) {
                throw new IllegalArgumentException("the premium must not rise with the ratio, but it does at "
                        + sorted.get(i).ratio());
            }
        }
        this.points = sorted;
    }

    /** The seed's curve: {@code 0.5 × (1 − CR)} when {@code CR < 1}, else 0 (a 50 % maximum premium). */
    public static PiecewiseLinearRiskPremiumCurve seedDefault() {
        return new PiecewiseLinearRiskPremiumCurve(List.of(
                new Point(BigDecimal.ZERO, new BigDecimal("0.5")),
                new Point(BigDecimal.ONE, BigDecimal.ZERO)));
    }

    /**
     * Parses points written as {@code ratio:premium} pairs separated by commas, e.g. {@code "0:0.5,1:0"}.
     *
     * @throws IllegalArgumentException naming the pair that is not of that form
     */
    public static PiecewiseLinearRiskPremiumCurve parse(String definition) {
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("a risk-premium curve needs points like '0:0.5,1:0'");
        }
        List<Point> points = new java.util.ArrayList<>();
        for (String pair : definition.split(",", -1)) {
            String[] parts = pair.trim().split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("risk-premium curve point '" + pair + "' is not 'ratio:premium'");
            }
            try {
                points.add(new Point(new BigDecimal(parts[0].trim()), new BigDecimal(parts[1].trim())));
            } catch (RuntimeException malformed) {
                throw new IllegalArgumentException("risk-premium curve point '" + pair + "' is not 'ratio:premium'");
            }
        }
        return new PiecewiseLinearRiskPremiumCurve(points);
    }

    public List<Point> points() {
        return points;
    }

    @Override
    public BigDecimal premiumFor(BigDecimal ratio) {
        Point first = points.get(0);
        if (ratio.compareTo(first.ratio()) <= 0) {
            return first.premium();
        }
        for (int i = 1; i < points.size(); i++) {
            Point right = points.get(i);
            if (ratio.compareTo(right.ratio()) <= 0) {
                Point left = points.get(i - 1);
                BigDecimal span = right.ratio().subtract(left.ratio());
                BigDecimal along = ratio.subtract(left.ratio()).divide(span, MathContext.DECIMAL128);
                return left.premium().add(right.premium().subtract(left.premium()).multiply(along),
                        MathContext.DECIMAL128);
            }
        }
        return points.get(points.size() - 1).premium();
    }
}
