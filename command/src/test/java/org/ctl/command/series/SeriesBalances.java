package org.ctl.command.series;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.ctl.domain.shared.SeriesStatus;

/**
 * What the property compares after every step, for one series: its status, its supply and every holder's
 * units (holders with no units left out).
 */
public record SeriesBalances(SeriesStatus status, long issued, long outstanding, long burned,
                      Map<String, Position> positions) {

    public SeriesBalances {
        positions = Collections.unmodifiableMap(new TreeMap<>(positions));
    }

    /** One holder's units of one series. */
    public record Position(long available, long pledged) {
    }
}
