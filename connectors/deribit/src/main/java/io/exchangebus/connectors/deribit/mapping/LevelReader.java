package io.exchangebus.connectors.deribit.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.exchangebus.connectors.core.book.Level;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The levels of a Deribit book notification, read from the token stream: {@code [action, price, amount]} on
 * {@code book.{instrument}.{interval}} (action {@code new}/{@code change}/{@code delete}; a delete removes the level
 * whatever amount it carries, so it becomes quantity 0, the schema's removal), {@code [price, amount]} on the grouped
 * book. Any other shape or action is refused naming the level ({@code asks[2]}).
 */
final class LevelReader {

    private LevelReader() {
    }

    /**
     * One side's levels.
     *
     * @param firstNotNew where the first action other than {@code new} stands ({@code "bids[3]: action 'change'"}),
     *                    null when every level is new: a snapshot may hold only new levels
     */
    record Levels(List<Level> levels, String firstNotNew) {
    }

    /** Refuses a snapshot side holding an action other than {@code new}. */
    static void onlyNew(Levels side) {
        if (side != null && side.firstNotNew() != null) {
            throw new UnmappableMessageException(side.firstNotNew() + " in a snapshot");
        }
    }

    /** The levels of {@code side}; the parser is on the value's first token. */
    static Levels levels(JsonParser p, JsonToken start, String side, boolean grouped) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw new UnmappableMessageException(side + " is not an array: " + start);
        }
        List<Level> out = new ArrayList<>(24);
        String firstNotNew = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            String at = side + "[" + out.size() + "]";
            if (grouped) {
                out.add(plain(p, at));
            } else {
                String action = action(p, at);
                if (firstNotNew == null && !action.equals("new")) {
                    firstNotNew = at + ": action '" + action + "'";
                }
                out.add(withAction(p, at, action.equals("delete")));
            }
        }
        if (t != JsonToken.END_ARRAY) {
            throw new UnmappableMessageException(side + "[" + out.size() + "] is not a level: " + t);
        }
        return new Levels(out, firstNotNew);
    }

    private static String action(JsonParser p, String at) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException(at + " is not [action, price, amount]");
        }
        String action = p.getText();
        return switch (action) {
            case "new", "change", "delete" -> action;
            default -> throw new UnmappableMessageException(at + ": unknown action '" + action + "'");
        };
    }

    private static Level withAction(JsonParser p, String at, boolean delete) throws IOException {
        BigDecimal price = MarketFrameReader.decimal(p, number(p, at, "[action, price, amount]"), at + ".price");
        BigDecimal amount = MarketFrameReader.decimal(p, number(p, at, "[action, price, amount]"), at + ".amount");
        end(p, at, "[action, price, amount]");
        return new Level(price, delete ? BigDecimal.ZERO : amount);
    }

    private static Level plain(JsonParser p, String at) throws IOException {
        BigDecimal price = MarketFrameReader.decimal(p, number(p, at, "[price, amount]"), at + ".price");
        BigDecimal amount = MarketFrameReader.decimal(p, number(p, at, "[price, amount]"), at + ".amount");
        end(p, at, "[price, amount]");
        return new Level(price, amount);
    }

    private static JsonToken number(JsonParser p, String at, String shape) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException(at + " is not " + shape);
        }
        return t;
    }

    private static void end(JsonParser p, String at, String shape) throws IOException {
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new UnmappableMessageException(at + " is not " + shape);
        }
    }
}
