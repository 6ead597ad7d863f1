package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.MarketMapping.badEnvelope;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.badLevel;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.notAnObject;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.notDecimal;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.notJson;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.reply;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.trailing;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.truncated;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.NumberRead;
import io.exchangebus.connectors.core.number.ValueRange;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The general reader of market-data frames: a Jackson token walk that reads any valid JSON layout into
 * {@link MarketFields}, which make the message. {@link CompactFrameReader} is the fast path
 * for Binance's usual layout; this is what reads everything else.
 */
final class MarketTokenWalk {
    private static final JsonFactory JSON = new JsonFactory();

    private MarketTokenWalk() {
    }

    /** See {@link MarketMapping#parseGeneral}. */
    static Message parse(BinanceVenue venue, String frame) {
        try {
            return walk(venue, JSON.createParser(frame), () -> frame);
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** {@link #parse(BinanceVenue, String)} of the frame's UTF-8 bytes, which Jackson decodes itself. */
    static Message parse(BinanceVenue venue, byte[] frame, int offset, int length) {
        try {
            return walk(venue, JSON.createParser(frame, offset, length),
                    () -> new String(frame, offset, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** The walk; {@code text} gives the whole frame's text, for the cold paths that read it again or describe it. */
    private static Message walk(BinanceVenue venue, JsonParser parser, Supplier<String> text) {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(text.get());
            }
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                throw new UnmappableMessageException("empty object");
            }
            String first = p.getCurrentName();
            if ("stream".equals(first)) {
                return enveloped(venue, p);
            }
            if ("result".equals(first) || "id".equals(first) || "error".equals(first)) {
                return reply(text.get());
            }
            Message m = event(venue, p, null, new MarketFields());
            if (p.nextToken() != null) {
                throw trailing();
            }
            return m;
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    private static Message enveloped(BinanceVenue venue, JsonParser p) throws IOException {
        String stream = p.nextTextValue();
        if (stream == null || p.nextToken() != JsonToken.FIELD_NAME || !"data".equals(p.getCurrentName())
                || p.nextToken() != JsonToken.START_OBJECT) {
            throw badEnvelope();
        }
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw new UnmappableMessageException("empty data object on stream " + stream);
        }
        Message m = event(venue, p, stream, new MarketFields());
        if (p.nextToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw trailing();
        }
        return m;
    }

    /** Reads an event's fields; the parser is on the event's first field name. */
    private static Message event(BinanceVenue venue, JsonParser p, String stream, MarketFields f) throws IOException {
        do {
            String name = p.getCurrentName();
            JsonToken value = p.nextToken();
            if (name.length() == 1) {
                oneLetter(p, name.charAt(0), value, f);
            } else {
                longName(p, name, value, f);
            }
        } while (p.nextToken() == JsonToken.FIELD_NAME);
        return f.toMessage(venue, stream);
    }

    private static void oneLetter(JsonParser p, char name, JsonToken value, MarketFields f) throws IOException {
        switch (name) {
            case 'e' -> f.type = text(p, value, "e");
            case 'E' -> f.eventTime = integer(p, value, "E");
            case 'T' -> f.time = integer(p, value, "T");
            case 's' -> f.symbol = text(p, value, "s");
            case 'U' -> f.firstId = integer(p, value, "U");
            case 'u' -> f.lastId = integer(p, value, "u");
            case 't' -> f.tradeId = integer(p, value, "t");
            case 'p' -> f.price = decimal(p, value, "p");
            case 'q' -> f.quantity = decimal(p, value, "q");
            case 'm' -> f.buyerMaker = value == JsonToken.VALUE_TRUE ? 1 : value == JsonToken.VALUE_FALSE ? 0 : -1;
            case 'b' -> {
                if (value == JsonToken.START_ARRAY) {
                    f.bids = levels(p, "b");
                } else {
                    p.skipChildren();
                }
            }
            case 'a' -> {
                if (value == JsonToken.START_ARRAY) {
                    f.asks = levels(p, "a");
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    f.aggId = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            default -> p.skipChildren();
        }
    }

    private static void longName(JsonParser p, String name, JsonToken value, MarketFields f) throws IOException {
        switch (name) {
            case "pu" -> f.previousId = integer(p, value, "pu");
            case "lastUpdateId" -> f.snapshotId = integer(p, value, "lastUpdateId");
            case "bids" -> f.bids = value == JsonToken.START_ARRAY ? levels(p, "bids") : skip(p);
            case "asks" -> f.asks = value == JsonToken.START_ARRAY ? levels(p, "asks") : skip(p);
            default -> p.skipChildren();
        }
    }

    private static long integer(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new UnmappableMessageException("field '" + field + "' is not an integer: " + t);
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException("field '" + field + "' is not a string: " + t);
        }
        return p.getText();
    }

    /**
     * Levels {@code [["price","qty"], …]}; the parser is on the outer START_ARRAY. Extra elements are skipped. A
     * level's price must be above zero and its quantity zero or above (0 removes the level); else the frame is
     * refused naming the level ({@code b[3].price: 0 is not above zero}).
     */
    private static List<Level> levels(JsonParser p, String field) throws IOException {
        List<Level> out = new ArrayList<>(24);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            BigDecimal price = levelDecimal(p, p.nextToken(), field, out.size(), ".price");
            BigDecimal quantity = levelDecimal(p, p.nextToken(), field, out.size(), ".quantity");
            if (!ValueRange.POSITIVE.admits(price)) {
                MarketMapping.refuseLevel(field, out.size(), ".price", ValueRange.POSITIVE, price);
            }
            if (!ValueRange.NON_NEGATIVE.admits(quantity)) {
                MarketMapping.refuseLevel(field, out.size(), ".quantity", ValueRange.NON_NEGATIVE, quantity);
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw truncated(field);
                }
                p.skipChildren();
            }
            out.add(new Level(price, quantity));
        }
        if (t != JsonToken.END_ARRAY) {
            throw badLevel(field);
        }
        return out;
    }

    /**
     * An exact decimal from a string (or number) token's characters, never through a double, by the shared rules of
     * {@link ExactNumbers}; a plain decimal of up to 18 digits allocates only the result.
     */
    private static BigDecimal decimal(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw notDecimal(field, t);
        }
        BigDecimal value = ExactNumbers.exactOrNull(p);
        return value != null ? value : refusedDecimal(p, field);
    }

    /** {@link #decimal} of a level's part; a refusal names the level ({@code b[3].price}), built only then. */
    private static BigDecimal levelDecimal(JsonParser p, JsonToken t, String field, int index, String part)
            throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal value = ExactNumbers.exactOrNull(p);
            if (value != null) {
                return value;
            }
        }
        return decimal(p, t, MarketMapping.levelName(field, index, part));
    }

    private static BigDecimal refusedDecimal(JsonParser p, String field) throws IOException {
        NumberRead.Refused refused = (NumberRead.Refused) ExactNumbers.read(field, p);
        if (refused.reason() == NumberRead.Reason.NOT_A_NUMBER) {
            throw notDecimal(field, p.getText());
        }
        throw new UnmappableMessageException(refused.message());
    }

    private static List<Level> skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
