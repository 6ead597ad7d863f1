package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimalOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.millis;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.OptionGreeks;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deribit's public market-data notifications to our events, as small pure functions with no book kept:
 * <pre>
 *   {"jsonrpc":"2.0","method":"subscription","params":{"channel":"book.BTC-PERPETUAL.100ms","data":{…}}}
 * </pre>
 * <ul>
 *   <li>{@code book.{instrument}.{interval}}: {@code data.type} {@code snapshot} → SNAPSHOT, {@code change} →
 *       DELTA; levels {@code [action, price, amount]}, action {@code new}/{@code change}/{@code delete} (a delete
 *       becomes quantity 0); {@code change_id} → sequence, {@code prev_change_id} → previousSequence (required on a
 *       change: it is the only continuity check Deribit gives). Continuity itself is the book synchronizer's job.</li>
 *   <li>{@code book.{instrument}.none.{depth}.{interval}}: a full top-N SNAPSHOT of {@code [price, amount]} every
 *       interval; {@code change_id} → sequence; no {@code type}, no previous id.</li>
 *   <li>{@code trades.…}: each trade → {@link Trade}; {@code trade_id} the id, {@code trade_seq} the
 *       per-instrument sequence, {@code direction} the taker's side, {@code amount} the quantity in the
 *       instrument's unit (USD for inverse contracts, the coin for options and linear ones).</li>
 *   <li>{@code ticker.…}: best bid/ask, last, mark, index, {@code current_funding} (perpetuals), open interest,
 *       {@code stats.volume} (24 h, in the base coin) → {@link Ticker}; for options also the underlying
 *       price, mark/bid/ask implied volatility (Deribit's percent → a fraction) and the greeks.</li>
 * </ul>
 * Times are Deribit's milliseconds. Numbers are read exactly ({@code DeribitFields}); an unknown {@code type},
 * action or direction is refused, never defaulted.
 */
public final class MarketMapping {

    private static final Comparator<PriceLevel> BIDS_BEST_FIRST = Comparator.comparing(PriceLevel::getPrice).reversed();
    private static final Comparator<PriceLevel> ASKS_BEST_FIRST = Comparator.comparing(PriceLevel::getPrice);

    private static final InstrumentIdCache INSTRUMENT_IDS = new InstrumentIdCache();

    private MarketMapping() {
    }

    /** The events of one notification frame: one book update or ticker, or the trades it lists. */
    public static List<Object> normalize(String frame, Instant receivedAt) {
        return events(MarketFrameReader.read(frame), receivedAt);
    }

    /**
     * {@link #normalize(String, Instant)} of the frame's UTF-8 bytes, as read off the socket: the same events, or
     * the same refusal, with no String made of a frame in Deribit's usual layout.
     */
    public static List<Object> normalize(byte[] utf8, Instant receivedAt) {
        return events(MarketFrameReader.read(utf8), receivedAt);
    }

    private static List<Object> events(MarketFrameReader.Frame read, Instant receivedAt) {
        if (read instanceof MarketFrameReader.BookFrame book) {
            return List.of(bookUpdate(book, receivedAt));
        }
        if (read instanceof MarketFrameReader.TradesFrame trades) {
            return List.copyOf(trades(trades, receivedAt));
        }
        return List.of(ticker(((MarketFrameReader.TreeFrame) read).data(), receivedAt));
    }

    /**
     * A {@code book.{instrument}.{interval}} notification's UTF-8 bytes read straight into core's book terms, for
     * the feed that keeps the full book: the snapshot as a {@link BookSnapshot}, a change as a {@link BookDiff} whose
     * previous id is {@code prev_change_id}. Read and refused as {@link #normalize(byte[], Instant)} reads them, but
     * no {@link BookUpdate} is made: the book publishes its own.
     *
     * @throws UnmappableMessageException when the frame cannot be read or is not a full-depth book notification
     */
    public static BookMessage fullBook(byte[] utf8) {
        return fullBook(MarketFrameReader.read(utf8));
    }

    /** {@link #fullBook(byte[])} of the frame's text. */
    public static BookMessage fullBook(String frame) {
        return fullBook(MarketFrameReader.read(frame));
    }

    /** {@link #fullBook(byte[])} of the notification's {@code data}, given as an exact tree. */
    public static BookMessage fullBook(JsonNode data) {
        return fullBook(MarketFrameReader.book(new DeribitChannel(DeribitChannel.Type.BOOK, null, 0, "raw"), data));
    }

    private static BookMessage fullBook(MarketFrameReader.Frame read) {
        if (!(read instanceof MarketFrameReader.BookFrame b) || b.channel().type() != DeribitChannel.Type.BOOK) {
            throw new UnmappableMessageException("not a full-depth book notification: " + read.channel().type());
        }
        Instant time = Instant.ofEpochMilli(b.timestamp());
        return b.snapshot() ? new BookSnapshot(b.changeId(), b.bids(), b.asks(), time)
                : new BookDiff(b.changeId(), b.changeId(), b.previousChangeId(), b.bids(), b.asks(), time);
    }

    /** The {@code data} of {@code book.{instrument}.none.{depth}.{interval}}: a top-{@code depth} snapshot. */
    public static BookUpdate groupedBook(JsonNode data, int depth, Instant receivedAt) {
        return bookUpdate(MarketFrameReader.book(
                new DeribitChannel(DeribitChannel.Type.GROUPED_BOOK, null, depth, "100ms"), data), receivedAt);
    }

    /**
     * A book notification as the event: SNAPSHOT (a snapshot, or the grouped book with its depth) or DELTA, levels
     * best first at the model's scale.
     */
    static BookUpdate bookUpdate(MarketFrameReader.BookFrame b, Instant receivedAt) {
        BookUpdateKind kind = b.snapshot() ? BookUpdateKind.SNAPSHOT : BookUpdateKind.DELTA;
        return new BookUpdate(DeribitErrors.EXCHANGE, b.instrument(), INSTRUMENT_IDS.of(b.instrument()), kind, false, b.channel().depth(),
                b.changeId(), b.previousChangeId(), levels("bids", b.bids(), BIDS_BEST_FIRST),
                levels("asks", b.asks(), ASKS_BEST_FIRST), Instant.ofEpochMilli(b.timestamp()),
                Objects.requireNonNull(receivedAt, "receivedAt"), null);
    }

    /** The {@code data} array of a {@code trades.…} notification, given as a tree. */
    public static List<Trade> trades(JsonNode data, Instant receivedAt) {
        return trades(MarketFrameReader.trades(data), receivedAt);
    }

    /** The trades of a {@code trades.…} notification. */
    static List<Trade> trades(MarketFrameReader.TradesFrame frame, Instant receivedAt) {
        List<Trade> out = new ArrayList<>(frame.trades().size());
        for (MarketFrameReader.TradeFields t : frame.trades()) {
            out.add(trade(t, receivedAt));
        }
        return out;
    }

    private static Trade trade(MarketFrameReader.TradeFields t, Instant receivedAt) {
        return Trade.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE).setSymbol(t.instrument())
                .setInstrumentId(INSTRUMENT_IDS.of(t.instrument()))
                .setTradeId(t.tradeId())
                .setTradeSequence(t.tradeSeq())
                .setPrice(ExactDecimals.exact("price", t.price()))
                .setQuantity(ExactDecimals.exact("amount", t.amount()))
                .setAggressorSide(side(t.direction()))
                .setExchangeTime(Instant.ofEpochMilli(t.timestamp()))
                .setReceiveTime(Objects.requireNonNull(receivedAt, "receivedAt"))
                .build();
    }

    /** The {@code data} of {@code ticker.{instrument}.{interval}}. */
    public static Ticker ticker(JsonNode d, Instant receivedAt) {
        String symbol = text(d, "instrument_name");
        JsonNode stats = d.path("stats");
        return Ticker.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE).setSymbol(symbol)
                .setInstrumentId(DeribitSymbols.instrumentId(symbol).toString())
                .setBidPrice(field(d, "best_bid_price", NON_NEGATIVE))
                .setBidQuantity(field(d, "best_bid_amount", NON_NEGATIVE))
                .setAskPrice(field(d, "best_ask_price", NON_NEGATIVE))
                .setAskQuantity(field(d, "best_ask_amount", NON_NEGATIVE))
                .setLastPrice(field(d, "last_price", NON_NEGATIVE))
                .setMarkPrice(field(d, "mark_price", NON_NEGATIVE))
                .setIndexPrice(field(d, "index_price", NON_NEGATIVE))
                .setFundingRate(field(d, "current_funding", SIGNED))
                .setOpenInterest(field(d, "open_interest", NON_NEGATIVE))
                .setVolume24h(stats.isObject() ? field(stats, "volume", NON_NEGATIVE) : null)
                .setUnderlyingPrice(field(d, "underlying_price", NON_NEGATIVE))
                .setMarkIv(volatility(d, "mark_iv"))
                .setBidIv(volatility(d, "bid_iv"))
                .setAskIv(volatility(d, "ask_iv"))
                .setGreeks(greeks(d.get("greeks")))
                .setExchangeTime(millis(d, "timestamp"))
                .setReceiveTime(Objects.requireNonNull(receivedAt, "receivedAt"))
                .build();
    }

    /**
     * Deribit quotes implied volatility in percent (68.48); the model holds a fraction (0.6848), exactly. Two more
     * decimal places than the text had: a percent with 17 or 18 decimals is refused as inexact.
     */
    private static BigDecimal volatility(JsonNode d, String field) {
        BigDecimal percent = field(d, field, NON_NEGATIVE);
        return percent == null ? null : ExactDecimals.exact(field, percent.movePointLeft(2));
    }

    /** An optional number of the ticker in {@code range}; null when absent. */
    private static BigDecimal field(JsonNode object, String field, ValueRange range) {
        BigDecimal value = exactOrNull(field, decimalOrNull(object, field));
        if (value != null && !range.admits(value)) {
            MarketFrameReader.refuse(range, field, value);
        }
        return value;
    }

    /** An option ticker's {@code greeks}; null when absent (perpetuals, futures). */
    private static OptionGreeks greeks(JsonNode g) {
        if (g == null || g.isNull()) {
            return null;
        }
        if (!g.isObject()) {
            throw new UnmappableMessageException("greeks is not an object");
        }
        return new OptionGreeks(greek(g, "delta"), greek(g, "gamma"), greek(g, "vega"), greek(g, "theta"),
                greek(g, "rho"));
    }

    private static BigDecimal greek(JsonNode greeks, String name) {
        return field(greeks, name, SIGNED);
    }

    static Side side(String direction) {
        return switch (direction) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new UnmappableMessageException("direction: unknown value '" + direction + "'");
        };
    }

    /**
     * Levels best first, as Deribit sends them (one pass confirms it; out of order, they are sorted). The reader has
     * kept every number within {@code decimal(38, 18)}, so they are passed on at the scale they were written with.
     */
    private static List<PriceLevel> levels(String side, List<Level> levels, Comparator<PriceLevel> bestFirst) {
        List<PriceLevel> out = new ArrayList<>(levels.size());
        boolean sorted = true;
        for (Level l : levels) {
            PriceLevel level = new PriceLevel(ExactDecimals.checked(side, l.price()),
                    ExactDecimals.checked(side, l.quantity()));
            sorted &= out.isEmpty() || bestFirst.compare(out.get(out.size() - 1), level) <= 0;
            out.add(level);
        }
        if (!sorted) {
            out.sort(bestFirst);
        }
        return out;
    }

    private static BigDecimal exactOrNull(String field, BigDecimal value) {
        return value == null ? null : ExactDecimals.exact(field, value);
    }
}
