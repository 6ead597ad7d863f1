package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.MarketMapping.badLevel;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.missing;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.notJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Market data answered over REST (depth snapshots, trade history), in the same types as the streams give. */
final class MarketRestMapping {
    private static final ObjectMapper TREE = ExactNumbers.configure(new ObjectMapper());

    private MarketRestMapping() {
    }

    /** A REST depth answer ({@code /api/v3/depth} or {@code /fapi/v1/depth}) as a snapshot. */
    public static BookSnapshot depthSnapshot(BinanceVenue venue, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new UnmappableMessageException("depth answer is not a JSON object");
        }
        long id = BinanceFields.integer(body, "lastUpdateId");
        Instant time = BinanceFormat.of(venue).snapshotTime(body);
        return new BookSnapshot(id, levels(body, "bids"), levels(body, "asks"), time);
    }

    /** {@link #depthSnapshot(BinanceVenue, JsonNode)} from the answer's text. */
    public static BookSnapshot depthSnapshot(BinanceVenue venue, String body) {
        try {
            return depthSnapshot(venue, TREE.readTree(body));
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * A REST trade-history answer of {@code symbol} (spot {@code historicalTrades}, USD-M {@code aggTrades}) as the
     * {@link TradeTick}s the family's trade stream gives for the same trades ({@code @trade} spot, {@code @aggTrade}
     * USD-M): same id, price, quantity, side and time. {@code stream} names where it came from.
     */
    public static List<TradeTick> restTrades(BinanceVenue venue, String symbol, String stream, JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new UnmappableMessageException("trade history answer is not a JSON array");
        }
        BinanceFormat.TradeFields fields = BinanceFormat.of(venue).tradeFields();
        List<TradeTick> out = new ArrayList<>(body.size());
        for (JsonNode t : body) {
            if (!t.isObject()) {
                throw new UnmappableMessageException("trade history entry is not a JSON object");
            }
            String buyerMaker = fields.buyerMaker();
            JsonNode m = t.get(buyerMaker);
            if (m == null || !m.isBoolean()) {
                throw missing(buyerMaker);
            }
            out.add(new TradeTick(stream, symbol, Long.toString(BinanceFields.integer(t, fields.id())),
                    BinanceFields.decimal(t, fields.price(), ValueRange.POSITIVE),
                    BinanceFields.decimal(t, fields.qty(), ValueRange.POSITIVE),
                    m.booleanValue() ? Side.SELL : Side.BUY, BinanceFields.integer(t, fields.time())));
        }
        return out;
    }

    /** A level's part as an exact decimal; a refusal names the level ({@code bids[3].price}), built only then. */
    private static BigDecimal levelDecimal(JsonNode value, String field, int index, String part) {
        if (value.isTextual()) {
            String text = value.textValue();
            BigDecimal exact = ExactNumbers.exactOrNull(text, 0, text.length());
            if (exact != null) {
                return exact;
            }
        }
        return BinanceFields.decimalValue(value, MarketMapping.levelName(field, index, part));
    }

    private static List<Level> levels(JsonNode body, String field) {
        JsonNode array = body.get(field);
        if (array == null || !array.isArray()) {
            throw missing(field);
        }
        List<Level> out = new ArrayList<>(array.size());
        for (JsonNode level : array) {
            if (!level.isArray() || level.size() < 2) {
                throw badLevel(field);
            }
            BigDecimal price = levelDecimal(level.get(0), field, out.size(), ".price");
            BigDecimal quantity = levelDecimal(level.get(1), field, out.size(), ".quantity");
            if (!ValueRange.POSITIVE.admits(price)) {
                MarketMapping.refuseLevel(field, out.size(), ".price", ValueRange.POSITIVE, price);
            }
            if (!ValueRange.NON_NEGATIVE.admits(quantity)) {
                MarketMapping.refuseLevel(field, out.size(), ".quantity", ValueRange.NON_NEGATIVE, quantity);
            }
            out.add(new Level(price, quantity));
        }
        return out;
    }
}
