package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream selector a session subscribed to, with its own sequence: snapshot frames carry
 * {@code sequence_number "0"} (as live captures show for {@code v1.book.s}, {@code v1.ticker.s} and a
 * {@code v1.book.d} snapshot), deltas and events 1, 2, 3… with {@code prev_sequence_number} the previous
 * (grvt.md §6). A snapshot restarts the count.
 *
 * @param instrument null for a sub-account selector without instrument
 * @param subAccount null for public streams
 * @param depth      {@code v1.book.s} depth, else 0
 */
record Subscription(String stream, String selector, String instrument, BigInteger subAccount, int depth,
                    AtomicLong sequence, ObjectNode[] lastTicker) {

    Subscription(String stream, String selector, String instrument, BigInteger subAccount, int depth) {
        this(stream, selector, instrument, subAccount, depth, new AtomicLong(), new ObjectNode[1]);
    }

    /** A frame {@code {stream, selector, sequence_number, feed, prev_sequence_number}} for a snapshot. */
    String snapshot(JsonNode feed) {
        sequence.set(0);
        return frame(0, 0, feed);
    }

    /** The next delta or event. */
    String next(JsonNode feed) {
        long n = sequence.incrementAndGet();
        return frame(n, n - 1, feed);
    }

    private String frame(long seq, long prev, JsonNode feed) {
        ObjectNode out = Json.object().put("stream", stream).put("selector", selector)
                .put("sequence_number", Long.toString(seq));
        out.set("feed", feed);
        return out.put("prev_sequence_number", Long.toString(prev)).toString();
    }
}
