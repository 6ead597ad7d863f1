package io.exchangebus.connectors.core.testing;

import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import java.math.BigDecimal;
import java.util.List;

/** A book message as comparable text, for tests that hold two routes to the same message. */
public final class BookMessages {

    private BookMessages() {
    }

    /** Its kind, ids and time, and its levels sorted best first with each decimal's scale. */
    public static String describe(BookMessage m) {
        if (m instanceof BookSnapshot s) {
            return "snapshot at " + s.lastUpdateId() + " " + s.exchangeTime() + " " + levels(s.bids(), true) + " "
                    + levels(s.asks(), false);
        }
        BookDiff d = (BookDiff) m;
        return "diff " + d.firstUpdateId() + ".." + d.lastUpdateId() + " after " + d.previousUpdateId() + " "
                + d.exchangeTime() + " " + levels(d.bids(), true) + " " + levels(d.asks(), false);
    }

    private static List<String> levels(List<Level> levels, boolean bids) {
        return levels.stream()
                .sorted((a, b) -> bids ? b.price().compareTo(a.price()) : a.price().compareTo(b.price()))
                .map(l -> plain(l.price()) + "@" + plain(l.quantity())).toList();
    }

    private static String plain(BigDecimal d) {
        return d.toPlainString() + "/" + d.scale();
    }
}
