package io.exchangebus.connectors.grvt.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.number.ExactNumbers;
import java.io.IOException;

/**
 * A stream frame, full or lite (grvt.md §6):
 * <pre>
 *   full  {"stream":"v1.book.d","selector":"BTC_USDT_Perp@500","sequence_number":"0","feed":{…},"prev_sequence_number":"…"}
 *   lite  {"s":"v1.book.d","s1":"BTC_USDT_Perp@500","sn":"0","f":{…},"ps":"…"}
 * </pre>
 * The form is the frame's: a frame with {@code stream} is full, one with {@code s} and {@code f} lite, and its
 * feed is read with the same form's names. Sequence numbers are strings (or integers); a frame without
 * {@code sequence_number} keeps -1 and the book mapping refuses it.
 *
 * @param stream the stream ({@code v1.book.d})
 * @param selector the selector, or null
 * @param sequence the sequence number, -1 when absent
 * @param previousSequence the previous sequence number, -1 when absent
 * @param feed the payload
 */
record GrvtFrame(String stream, String selector, long sequence, long previousSequence, GrvtObject feed) {

    /** GRVT's JSON, read with every fraction kept exact. */
    static final ObjectMapper JSON = ExactNumbers.exactMapper();

    static JsonNode tree(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new GrvtMappingException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new GrvtMappingException("not JSON: " + e.getClass().getSimpleName());
        } catch (NumberFormatException e) {
            throw new GrvtMappingException("a number that cannot be read");
        }
    }

    static GrvtFrame read(String text) {
        return read(tree(text));
    }

    static GrvtFrame read(JsonNode root) {
        boolean lite = !root.has("stream") && root.has("s") && root.has("f");
        GrvtObject frame = GrvtObject.of(root, lite, "frame");
        if (!frame.has("stream", "s") || !frame.has("feed", "f")) {
            throw new GrvtMappingException("not a stream frame: no stream and feed");
        }
        String stream = frame.text("stream", "s");
        long sequence = frame.has("sequence_number", "sn") ? frame.wholeNumber("sequence_number", "sn") : -1;
        long previous = frame.has("prev_sequence_number", "ps") ? frame.wholeNumber("prev_sequence_number", "ps") : -1;
        GrvtObject feed = GrvtObject.of(frame.get("feed", "f"), lite, lite ? "f" : "feed");
        return new GrvtFrame(stream, frame.textOrNull("selector", "s1"), sequence, previous, feed);
    }

    /** Whether the frame uses lite names. */
    boolean lite() {
        return feed.lite();
    }
}
