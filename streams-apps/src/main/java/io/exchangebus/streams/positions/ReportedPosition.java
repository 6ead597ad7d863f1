package io.exchangebus.streams.positions;

import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * The exchange's position in one instrument, as {@code reportedQuantity} and {@code reportedEntryPrice} hold it.
 *
 * <p>One-way mode reports one NET position: taken as it is. Hedge mode (Binance USD-M) reports a LONG and a SHORT
 * leg, which fills of either side move in our single net position; the comparable figure is their sum, the LONG
 * leg counted positive and the SHORT leg negative whatever sign the exchange gives it (Binance gives a short leg's
 * quantity negative). A summed entry price has no meaning, so the entry price is that of the one open leg, or null
 * when both legs are open.
 *
 * @param quantity   signed net position
 * @param entryPrice entry price, or null when unknown, flat, or both hedge legs are open
 */
record ReportedPosition(BigDecimal quantity, BigDecimal entryPrice) {
    /** What an exchange that reports positions means by leaving one out: it is flat. */
    static final ReportedPosition FLAT = new ReportedPosition(BigDecimal.ZERO, null);

    /**
     * The position that {@code reports} of one instrument say together: the hedge legs among them summed (the last
     * report of each leg), else the last NET report.
     *
     * @param reports at least one report, oldest first
     */
    static ReportedPosition of(Collection<PositionUpdate> reports) {
        PositionUpdate net = null;
        PositionUpdate longLeg = null;
        PositionUpdate shortLeg = null;
        for (PositionUpdate report : reports) {
            if (report.getPositionSide() == PositionSide.LONG) {
                longLeg = report;
            } else if (report.getPositionSide() == PositionSide.SHORT) {
                shortLeg = report;
            } else {
                net = report;
            }
        }
        if (longLeg == null && shortLeg == null) {
            if (net == null) {
                throw new IllegalArgumentException("no position report");
            }
            return of(net.getQuantity(), net.getEntryPrice());
        }
        BigDecimal longQuantity = longLeg == null ? BigDecimal.ZERO : longLeg.getQuantity().abs();
        BigDecimal shortQuantity = shortLeg == null ? BigDecimal.ZERO : shortLeg.getQuantity().abs();
        BigDecimal entryPrice = null;
        if (shortQuantity.signum() == 0 && longQuantity.signum() != 0) {
            entryPrice = longLeg.getEntryPrice();
        } else if (longQuantity.signum() == 0 && shortQuantity.signum() != 0) {
            entryPrice = shortLeg.getEntryPrice();
        }
        return of(longQuantity.subtract(shortQuantity), entryPrice);
    }

    private static ReportedPosition of(BigDecimal quantity, BigDecimal entryPrice) {
        return new ReportedPosition(quantity, quantity.signum() == 0 ? null : entryPrice);
    }
}
