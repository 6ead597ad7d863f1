package io.exchangebus.recovery;

import java.io.PrintStream;

/**
 * The job's progress on stdout, one line per step, so that an operator sees accounts and pages go by:
 * {@code recovery: binance-spot/main balances 5, positions 0, open orders 3, history page 2 (150 orders)}.
 */
final class Progress {
    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void line(String text) {
        out.println("recovery: " + text);
        out.flush();
    }

    /** The counts of one account so far; {@code positions} is null when the exchange has none to give. */
    void counts(String account, long balances, Long positions, long openOrders, int historyPages,
                long historyOrders) {
        line(account + " balances " + balances + ", positions " + (positions == null ? "n/a" : positions)
                + ", open orders " + openOrders + ", history page " + historyPages + " (" + historyOrders
                + " orders)");
    }
}
