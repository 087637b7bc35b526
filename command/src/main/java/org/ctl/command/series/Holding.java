package org.ctl.command.series;

import org.ctl.domain.shared.Units;

/** One holder's units of one series: available to move, and pledged (locked for pledgees). */
record Holding(Units available, Units pledged) {

    static final Holding EMPTY = new Holding(Units.ZERO, Units.ZERO);

    Units total() {
        return available.plus(pledged);
    }

    Holding credit(Units amount) {
        return new Holding(available.plus(amount), pledged);
    }

    Holding debit(Units amount) {
        return new Holding(available.minus(amount), pledged);
    }

    Holding lock(Units amount) {
        return new Holding(available.minus(amount), pledged.plus(amount));
    }

    Holding unlock(Units amount) {
        return new Holding(available.plus(amount), pledged.minus(amount));
    }

    Holding forfeit(Units amount) {
        return new Holding(available, pledged.minus(amount));
    }

    boolean isEmpty() {
        return available.isZero() && pledged.isZero();
    }
}
