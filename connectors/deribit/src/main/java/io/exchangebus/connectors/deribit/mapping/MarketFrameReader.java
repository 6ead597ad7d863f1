package io.exchangebus.connectors.deribit.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import io.exchangebus.connectors.core.number.ValueRange;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a public {@code subscription} notification in one Jackson token walk, without building a tree, for the
 * channels that carry volume: books ({@code book.*}, grouped included) and trades. Other channels (the ticker) and
 * the rare frame whose {@code data} precedes its {@code channel} are read as a tree of exact numbers, and a book or
 * trades tree is then walked by the same code ({@link JsonNode#traverse}), so each rule lives once.
 *
 * <p>Numbers go through {@link ExactNumbers} from the token's characters; refusals are
 * {@link UnmappableMessageException}s naming the field ({@code bids[3].price}). Stateless and thread-safe.
 */
final class MarketFrameReader {

    private MarketFrameReader() {
    }

    /** What a notification frame holds. */
    sealed interface Frame permits BookFrame, TradesFrame, TreeFrame {
        DeribitChannel channel();
    }

    /** A notification read as a tree (ticker). */
    record TreeFrame(DeribitChannel channel, JsonNode data) implements Frame {
    }

    /** A {@code trades.*} notification. */
    record TradesFrame(DeribitChannel channel, List<TradeFields> trades) implements Frame {
    }

    /** The mapped fields of one trade. */
    record TradeFields(String instrument, String tradeId, long tradeSeq, BigDecimal price, BigDecimal amount,
                       String direction, long timestamp) {
    }

    /**
     * A book notification: {@code book.{instrument}.{interval}} (snapshot or change, levels
     * {@code [action, price, amount]}, a delete read as quantity 0) or the grouped top-N snapshot (levels
     * {@code [price, amount]}).
     *
     * @param previousChangeId {@code prev_change_id}, or null (a snapshot, the grouped book)
     */
    record BookFrame(DeribitChannel channel, String instrument, boolean snapshot, long changeId,
                     Long previousChangeId, long timestamp, List<Level> bids, List<Level> asks) implements Frame {
    }

    /** Reads one frame: Deribit's usual layout on the fast path ({@link CompactFrameReader}), else token by token. */
    static Frame read(String frame) {
        Frame fast = CompactFrameReader.read(frame);
        return fast != null ? fast : readTokens(frame);
    }

    /**
     * Reads one frame from its UTF-8 bytes as {@link #read(String)} reads its text: Deribit's usual layout in ASCII
     * on the fast path, without a String of the frame; anything else decoded and read token by token, so a frame
     * gives the same frame, or the same refusal, either way.
     */
    static Frame read(byte[] utf8) {
        Frame fast = CompactFrameReader.read(utf8);
        return fast != null ? fast : readTokens(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Reads one frame token by token; maps or refuses whatever the layout. */
    static Frame readTokens(String frame) {
        try (JsonParser p = DeribitFields.JSON.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnmappableMessageException("not a JSON object");
            }
            Frame read = null;
            String method = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "method" -> method = value == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "params" -> read = params(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new UnmappableMessageException("trailing content after the frame");
            }
            if (!"subscription".equals(method)) {
                throw new UnmappableMessageException("method is not subscription: " + method);
            }
            if (read == null) {
                throw new UnmappableMessageException("params is missing");
            }
            return read;
        } catch (IOException e) {
            throw new UnmappableMessageException("not JSON: " + e.getClass().getSimpleName());
        } catch (NumberFormatException e) {
            throw new UnmappableMessageException("a number that cannot be read: " + e.getMessage());
        }
    }

    /** A book notification's {@code data}, given as a tree (tests, REST-shaped input). */
    static BookFrame book(DeribitChannel channel, JsonNode data) {
        return (BookFrame) fromTree(channel, data);
    }

    /** A trades notification's {@code data} array, given as a tree. */
    static TradesFrame trades(JsonNode data) {
        return (TradesFrame) fromTree(new DeribitChannel(DeribitChannel.Type.TRADES, null, 0, "raw"), data);
    }

    private static Frame params(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw new UnmappableMessageException("params is not an object");
        }
        DeribitChannel channel = null;
        String channelName = null;
        Frame streamed = null;
        JsonNode tree = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("channel")) {
                channelName = value == JsonToken.VALUE_STRING ? p.getText() : null;
                channel = DeribitChannel.parse(channelName);
            } else if (name.equals("data") && channel != null && channel.type() != DeribitChannel.Type.TICKER) {
                streamed = data(p, channel);
            } else if (name.equals("data")) {
                tree = value == JsonToken.VALUE_NULL ? null : DeribitFields.JSON.readTree(p);
            } else {
                p.skipChildren();
            }
        }
        if (channel == null) {
            throw new UnmappableMessageException("channel is not a string: " + channelName);
        }
        if (streamed != null) {
            return streamed;
        }
        if (tree == null) {
            throw new UnmappableMessageException("params.data is missing");
        }
        return channel.type() == DeribitChannel.Type.TICKER ? new TreeFrame(channel, tree) : fromTree(channel, tree);
    }

    private static Frame fromTree(DeribitChannel channel, JsonNode data) {
        try (JsonParser p = data.traverse(DeribitFields.JSON)) {
            p.nextToken();
            return data(p, channel);
        } catch (IOException e) {
            throw new UnmappableMessageException("unreadable data: " + e.getClass().getSimpleName());
        }
    }

    private static Frame data(JsonParser p, DeribitChannel channel) throws IOException {
        return switch (channel.type()) {
            case BOOK, GROUPED_BOOK -> BookReader.read(p, channel);
            case TRADES -> new TradesFrame(channel, trades(p));
            case TICKER -> throw new IllegalStateException("the ticker is read as a tree");
        };
    }

    private static List<TradeFields> trades(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new UnmappableMessageException("trades data is not an array");
        }
        List<TradeFields> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            out.add(trade(p));
        }
        if (t != JsonToken.END_ARRAY) {
            throw new UnmappableMessageException("trades[" + out.size() + "] is not an object");
        }
        return out;
    }

    private static TradeFields trade(JsonParser p) throws IOException {
        String instrument = null;
        String tradeId = null;
        String direction = null;
        Long seq = null;
        Long timestamp = null;
        BigDecimal price = null;
        BigDecimal amount = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "instrument_name" -> instrument = text(p, v, name);
                case "trade_id" -> tradeId = text(p, v, name);
                case "direction" -> direction = text(p, v, name);
                case "trade_seq" -> seq = integer(p, v, name);
                case "timestamp" -> timestamp = integer(p, v, name);
                case "price" -> price = decimal(p, v, name, ValueRange.POSITIVE);
                case "amount" -> amount = decimal(p, v, name, ValueRange.POSITIVE);
                default -> p.skipChildren();
            }
        }
        return new TradeFields(required(instrument, "instrument_name"), required(tradeId, "trade_id"),
                required(seq, "trade_seq"), required(price, "price"), required(amount, "amount"),
                required(direction, "direction"), required(timestamp, "timestamp"));
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new UnmappableMessageException(field + " is missing");
        }
        return value;
    }

    static String text(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException(field + " is not a string: " + t);
        }
        return p.getText();
    }

    static long integer(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new UnmappableMessageException(field + " is not an integer: " + t);
        }
        return p.getLongValue();
    }

    /** An exact number in {@code range}. */
    static BigDecimal decimal(JsonParser p, JsonToken t, String field, ValueRange range) throws IOException {
        BigDecimal value = decimal(p, t, field);
        return range.admits(value) ? value : refuse(range, field, value);
    }

    /** Refuses {@code value}, out of {@code range}, naming {@code field}. */
    static BigDecimal refuse(ValueRange range, String field, BigDecimal value) {
        throw new UnmappableMessageException(((NumberRead.Refused) range.check(field, value)).message());
    }

    /** An exact number from the token's characters; the string form is accepted as well. */
    static BigDecimal decimal(JsonParser p, JsonToken t, String field) throws IOException {
        BigDecimal value = ExactNumbers.exactOrNull(p);
        if (value != null) {
            return value;
        }
        NumberRead read = ExactNumbers.read(field, p);
        throw new UnmappableMessageException(((NumberRead.Refused) read).message());
    }

    /** A book notification's {@code data} object, read token by token into {@link BookFields}. */
    private static final class BookReader {
        private BookReader() {
        }

        static BookFrame read(JsonParser p, DeribitChannel channel) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new UnmappableMessageException("book data is not an object");
            }
            BookFields r = new BookFields();
            boolean grouped = channel.type() == DeribitChannel.Type.GROUPED_BOOK;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "type" -> r.type = text(p, v, name);
                    case "instrument_name" -> r.instrument = text(p, v, name);
                    case "change_id" -> r.changeId = integer(p, v, name);
                    case "prev_change_id" -> r.previous = v == JsonToken.VALUE_NULL ? null : integer(p, v, name);
                    case "timestamp" -> r.timestamp = integer(p, v, name);
                    case "bids" -> r.bids = LevelReader.levels(p, v, name, grouped);
                    case "asks" -> r.asks = LevelReader.levels(p, v, name, grouped);
                    default -> p.skipChildren();
                }
            }
            return r.frame(channel);
        }
    }
}
