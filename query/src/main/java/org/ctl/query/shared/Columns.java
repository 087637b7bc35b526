package org.ctl.query.shared;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.ctl.domain.shared.HolderId;
import org.ctl.domain.shared.Money;
import org.ctl.domain.shared.Units;

/**
 * How the read models' columns map to the domain's values, in one place for every projection: money as
 * {@code NUMERIC(48, 18)}, units as {@code BIGINT}, instants as {@code TIMESTAMP WITH TIME ZONE} in UTC.
 */
public final class Columns {

    private Columns() {
    }

    /**
     * An instant as a column value, cut to microseconds: the precision both H2 and PostgreSQL keep, so that what
     * is read back equals what was written.
     */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Money money(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        if (value == null) {
            throw new IllegalStateException("column " + column + " holds no amount");
        }
        return new Money(plain(value));
    }

    /** The money in {@code column}, or {@code null} when the column is null (e.g. no price published yet). */
    public static Money moneyOrNull(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value == null ? null : new Money(plain(value));
    }

    /**
     * The column's 18 places without the trailing zeros the column type adds, and never in exponent form
     * ({@code 100}, not {@code 1E+2}), so that a value reads back as it was written.
     */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Units units(ResultSet row, String column) throws SQLException {
        return Units.of(row.getLong(column));
    }

    /** The units in {@code column}, or {@code null} when the column is null. */
    public static Units unitsOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Units.of(value);
    }

    public static HolderId holderOrNull(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : HolderId.of(value);
    }
}
