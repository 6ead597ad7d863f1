package io.exchangebus.connectors.deribit.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.ValueRange;
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
    private static final String WITH_ACTION = "[action, price, amount]";
    private static final String PLAIN = "[price, amount]";
    static final String NEW = "new";
    static final String DELETE = "delete";
    private static final String[] ACTIONS = {NEW, "change", DELETE};

    private LevelReader() {
    }

    /**
     * One side's levels.
     *
     * @param side          {@code bids} or {@code asks}
     * @param notNewIndex   where the first action other than {@code new} stands, -1 when every level is new (a
     *                      snapshot may hold only new levels)
     * @param notNewAction  that action, null when none
     */
    record Levels(List<Level> levels, String side, int notNewIndex, String notNewAction) {
    }

    /** Refuses a snapshot side holding an action other than {@code new}. */
    static void onlyNew(Levels side) {
        if (side != null && side.notNewIndex() >= 0) {
            throw new UnmappableMessageException(at(side.side(), side.notNewIndex()) + ": action '"
                    + side.notNewAction() + "' in a snapshot");
        }
    }

    /** The levels of {@code side}; the parser is on the value's first token. */
    static Levels levels(JsonParser p, JsonToken start, String side, boolean grouped) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw new UnmappableMessageException(side + " is not an array: " + start);
        }
        List<Level> out = new ArrayList<>(24);
        int notNew = -1;
        String notNewAction = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            int index = out.size();
            if (grouped) {
                out.add(plain(p, side, index));
            } else {
                String action = action(p, side, index);
                if (notNew < 0 && action != NEW) {
                    notNew = index;
                    notNewAction = action;
                }
                out.add(withAction(p, side, index, action == DELETE));
            }
        }
        if (t != JsonToken.END_ARRAY) {
            throw new UnmappableMessageException(side + "[" + out.size() + "] is not a level: " + t);
        }
        return new Levels(out, side, notNew, notNewAction);
    }

    /** A level's name in errors, {@code bids[3]}: built only when something is refused. */
    static String at(String side, int index) {
        return side + "[" + index + "]";
    }

    /** The level's action, matched on the token's characters: no string is made for a known action. */
    private static String action(JsonParser p, String side, int index) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException(at(side, index) + " is not " + WITH_ACTION);
        }
        char[] chars = p.getTextCharacters();
        int from = p.getTextOffset();
        int length = p.getTextLength();
        for (String known : ACTIONS) {
            if (known.length() == length && known.charAt(0) == chars[from] && matches(known, chars, from)) {
                return known;
            }
        }
        throw new UnmappableMessageException(at(side, index) + ": unknown action '" + p.getText() + "'");
    }

    private static boolean matches(String known, char[] chars, int from) {
        for (int i = 1; i < known.length(); i++) {
            if (known.charAt(i) != chars[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static Level withAction(JsonParser p, String side, int index, boolean delete) throws IOException {
        BigDecimal price = number(p, side, index, WITH_ACTION, ".price", ValueRange.POSITIVE);
        BigDecimal amount = number(p, side, index, WITH_ACTION, ".amount", ValueRange.NON_NEGATIVE);
        end(p, side, index, WITH_ACTION);
        return new Level(price, delete ? BigDecimal.ZERO : amount);
    }

    private static Level plain(JsonParser p, String side, int index) throws IOException {
        BigDecimal price = number(p, side, index, PLAIN, ".price", ValueRange.POSITIVE);
        BigDecimal amount = number(p, side, index, PLAIN, ".amount", ValueRange.NON_NEGATIVE);
        end(p, side, index, PLAIN);
        return new Level(price, amount);
    }

    /**
     * The next token as an exact number in {@code range} (a price above zero, an amount zero or above); a refusal
     * names the level and part ({@code bids[3].price}).
     */
    private static BigDecimal number(JsonParser p, String side, int index, String shape, String part,
                                     ValueRange range) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING) {
            throw new UnmappableMessageException(at(side, index) + " is not " + shape);
        }
        BigDecimal value = ExactNumbers.exactOrNull(p);
        if (value == null) {
            value = MarketFrameReader.decimal(p, t, at(side, index) + part);
        }
        return range.admits(value) ? value : MarketFrameReader.refuse(range, at(side, index) + part, value);
    }

    private static void end(JsonParser p, String side, int index, String shape) throws IOException {
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new UnmappableMessageException(at(side, index) + " is not " + shape);
        }
    }
}
