package org.ctl.command.series;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ctl.domain.shared.Money;

/**
 * The content of a command that its id stands for, in one canonical string. Two commands with one id are the
 * same command when their fingerprints are equal; the series keeps the fingerprint of every command it
 * accepted, rebuilt from its events.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(Object... parts) {
        return Stream.of(parts).map(Fingerprint::canonical).collect(Collectors.joining("|"));
    }

    /** Money compares by value, so 1.0 and 1.00 are the same content. */
    private static String canonical(Object part) {
        if (part instanceof Money money) {
            return money.amount().stripTrailingZeros().toPlainString();
        }
        return Objects.toString(part);
    }
}
