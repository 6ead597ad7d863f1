package io.exchangebus.connectors.grvt.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.BookMessage;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * GRVT's public stream frames ({@link GrvtFrame}, full or lite) to our events, as pure functions:
 * <ul>
 *   <li>{@code v1.book.s}: a top-N SNAPSHOT every interval (depth from the selector's {@code @rate-depth}, else 0);
 *       {@code v1.book.d}: sequence 0 is the full SNAPSHOT, any other a DELTA whose {@code prev_sequence_number}
 *       is its previous sequence (size {@code "0"} removes a level). Continuity is the book synchronizer's job
 *       (grvt.md §6: the docs' template shows a non-zero number on a first frame; live ones show 0).</li>
 *   <li>{@code v1.trade} → {@link Trade}: {@code is_taker_buyer} gives the aggressor side; {@code trade_id} (e.g.
 *       {@code 209358-2}) is kept as text, there is no numeric trade sequence.</li>
 *   <li>{@code v1.ticker.s}/{@code .d} → {@link Ticker}; a {@code .d} frame carries only what changed, so absent
 *       fields are null. {@code funding_rate_8h_curr} is in percent (0.01 = 0.01 %, per its users, grvt.md does not
 *       state it) and becomes a fraction; 24 h volume is buy + sell base volume.</li>
 * </ul>
 * Ranges: level and trade prices above zero, sizes zero or above (trade sizes above zero), funding signed. Other
 * streams ({@code v1.mini.*}, {@code v1.candle}) are refused: no role consumes them.
 */
public final class MarketMapping {

    private static final Comparator<PriceLevel> BIDS_BEST_FIRST = Comparator.comparing(PriceLevel::getPrice).reversed();
    private static final Comparator<PriceLevel> ASKS_BEST_FIRST = Comparator.comparing(PriceLevel::getPrice);

    private static final Pattern TOP_N_SELECTOR = Pattern.compile(".*@[0-9]+-[0-9]{1,4}");

    private MarketMapping() {
    }

    /** The event of one public frame (a book update, a trade or a ticker), or why it cannot be mapped. */
    public static Result<Object> normalize(String frame, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Object fast = CompactFrameReader.read(frame, receivedAt);
        return fast != null ? Result.ok(fast) : GrvtMapped.of(() -> map(GrvtFrame.read(frame), receivedAt));
    }

    /**
     * {@link #normalize(String, Instant)} of the frame's UTF-8 bytes, as read off the socket: the same event, or the
     * same refusal; a frame in GRVT's compact full form is read without a String of it, any other is decoded first.
     */
    public static Result<Object> normalize(byte[] utf8, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Object fast = CompactFrameReader.read(utf8, receivedAt);
        return fast != null ? Result.ok(fast) : normalize(new String(utf8, StandardCharsets.UTF_8), receivedAt);
    }

    /** The same, for a frame already read as an exact tree ({@code ExactNumbers.exactMapper()}). */
    public static Result<Object> normalize(JsonNode frame, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        return GrvtMapped.of(() -> map(GrvtFrame.read(frame), receivedAt));
    }

    /**
     * A {@code v1.book.d} frame's UTF-8 bytes read straight into core's book terms, for the feed that keeps the full
     * book: sequence 0 as the snapshot, any other as a diff whose previous id is {@code prev_sequence_number}. Read
     * and refused as {@link #normalize(byte[], Instant)} reads them; a frame in the compact full form makes no
     * {@link BookUpdate} (the book publishes its own), any other is read through the tree. Another stream's frame is
     * refused.
     */
    public static Result<BookMessage> fullBook(byte[] utf8) {
        BookMessage fast = CompactFrameReader.readBook(utf8);
        return fast != null ? Result.ok(fast) : fullBook(new String(utf8, StandardCharsets.UTF_8));
    }

    /** {@link #fullBook(byte[])} of the frame's text. */
    public static Result<BookMessage> fullBook(String frame) {
        BookMessage fast = CompactFrameReader.readBook(frame);
        return fast != null ? Result.ok(fast) : GrvtMapped.of(() -> fullBook(GrvtFrame.read(frame)));
    }

    /** {@link #fullBook(byte[])} of a frame already read as an exact tree. */
    public static Result<BookMessage> fullBook(JsonNode frame) {
        return GrvtMapped.of(() -> fullBook(GrvtFrame.read(frame)));
    }

    private static BookMessage fullBook(GrvtFrame f) {
        if (!f.stream().equals("v1.book.d")) {
            throw new GrvtMappingException("stream " + f.stream() + " is not the full-depth book v1.book.d");
        }
        return BookMessage.of(book(f, Instant.EPOCH)); // the receive time is not part of the message
    }

    private static Object map(GrvtFrame f, Instant receivedAt) {
        return switch (f.stream()) {
            case "v1.book.s", "v1.book.d" -> book(f, receivedAt);
            case "v1.trade" -> trade(f, receivedAt);
            case "v1.ticker.s", "v1.ticker.d" -> ticker(f, receivedAt);
            default -> throw new GrvtMappingException("stream " + f.stream() + " is not mapped: no role consumes it");
        };
    }

    static BookUpdate book(GrvtFrame f, Instant receivedAt) {
        if (f.sequence() < 0) {
            throw new GrvtMappingException(f.stream() + ": sequence_number is missing");
        }
        GrvtObject feed = f.feed();
        boolean snapshot = f.stream().equals("v1.book.s") || f.sequence() == 0;
        if (!snapshot && f.previousSequence() < 0) {
            throw new GrvtMappingException("v1.book.d delta: prev_sequence_number is missing");
        }
        String symbol = feed.text("instrument", "i");
        return bookUpdate(f.stream(), f.selector(), f.sequence(), f.previousSequence(), symbol,
                GrvtSymbols.instrumentId(symbol).toString(), levels(feed, "bids", "b"), levels(feed, "asks", "a"),
                feed.nanos("event_time", "et"), receivedAt);
    }

    /**
     * The {@link BookUpdate} of a book frame's parts, read by either path ({@link CompactFrameReader} or the tree):
     * the sequence already checked present, and for a delta its previous; levels in the frame's order.
     */
    static BookUpdate bookUpdate(String stream, String selector, long sequence, long previousSequence, String symbol,
                                 String instrumentId, List<PriceLevel> bids, List<PriceLevel> asks,
                                 Instant exchangeTime, Instant receivedAt) {
        boolean snapshot = stream.equals("v1.book.s") || sequence == 0;
        bids.sort(BIDS_BEST_FIRST);
        asks.sort(ASKS_BEST_FIRST);
        return new BookUpdate(GrvtVenue.EXCHANGE, symbol, instrumentId,
                snapshot ? BookUpdateKind.SNAPSHOT : BookUpdateKind.DELTA, false, depth(stream, selector),
                sequence, snapshot ? null : previousSequence, bids, asks, exchangeTime, receivedAt, null);
    }

    /** {@code v1.book.s}'s depth from {@code instrument@rate-depth}; 0 when the selector does not say. */
    private static int depth(String stream, String s) {
        if (!stream.equals("v1.book.s") || s == null || !TOP_N_SELECTOR.matcher(s).matches()) {
            return 0;
        }
        return Integer.parseInt(s.substring(s.lastIndexOf('-') + 1));
    }

    private static List<PriceLevel> levels(GrvtObject feed, String full, String lite) {
        JsonNode array = feed.array(full, lite);
        List<PriceLevel> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            GrvtObject level = GrvtObject.of(array.get(i), feed.lite(), feed.name(full, lite) + "[" + i + "]");
            if (level.has("num_orders", "no")) {
                level.count("num_orders", "no");
            }
            out.add(new PriceLevel(level.decimal("price", "p", POSITIVE), level.decimal("size", "s", NON_NEGATIVE)));
        }
        return out;
    }

    static Trade trade(GrvtFrame f, Instant receivedAt) {
        GrvtObject t = f.feed();
        String symbol = t.text("instrument", "i");
        return trade(symbol, GrvtSymbols.instrumentId(symbol).toString(), t.text("trade_id", "ti"),
                t.decimal("price", "p", POSITIVE), t.decimal("size", "s", POSITIVE), t.bool("is_taker_buyer", "it"),
                t.nanos("event_time", "et"), receivedAt);
    }

    /** The {@link Trade} of a trade frame's parts, read by either path. */
    static Trade trade(String symbol, String instrumentId, String tradeId, BigDecimal price, BigDecimal size,
                       boolean takerBuyer, Instant exchangeTime, Instant receivedAt) {
        return new Trade(GrvtVenue.EXCHANGE, symbol, instrumentId, tradeId, null, price, size,
                takerBuyer ? Side.BUY : Side.SELL, exchangeTime, receivedAt);
    }

    static Ticker ticker(GrvtFrame f, Instant receivedAt) {
        GrvtObject t = f.feed();
        String symbol = t.text("instrument", "i");
        BigDecimal fundingPercent = t.decimalOrNull("funding_rate_8h_curr", "fr", SIGNED);
        BigDecimal buyVolume = t.decimalOrNull("buy_volume_24h_b", "bv", NON_NEGATIVE);
        BigDecimal sellVolume = t.decimalOrNull("sell_volume_24h_b", "sv", NON_NEGATIVE);
        return Ticker.newBuilder()
                .setExchange(GrvtVenue.EXCHANGE).setSymbol(symbol)
                .setInstrumentId(GrvtSymbols.instrumentId(symbol).toString())
                .setBidPrice(t.decimalOrNull("best_bid_price", "bb", NON_NEGATIVE))
                .setBidQuantity(t.decimalOrNull("best_bid_size", "bb1", NON_NEGATIVE))
                .setAskPrice(t.decimalOrNull("best_ask_price", "ba", NON_NEGATIVE))
                .setAskQuantity(t.decimalOrNull("best_ask_size", "ba1", NON_NEGATIVE))
                .setLastPrice(t.decimalOrNull("last_price", "lp", NON_NEGATIVE))
                .setMarkPrice(t.decimalOrNull("mark_price", "mp", NON_NEGATIVE))
                .setIndexPrice(t.decimalOrNull("index_price", "ip", NON_NEGATIVE))
                .setFundingRate(fundingPercent == null ? null
                        : GrvtObject.decimal("funding_rate_8h_curr", new com.fasterxml.jackson.databind.node
                                .DecimalNode(fundingPercent.movePointLeft(2)), SIGNED))
                .setOpenInterest(t.decimalOrNull("open_interest", "oi", NON_NEGATIVE))
                .setVolume24h(buyVolume == null || sellVolume == null ? null : buyVolume.add(sellVolume))
                .setExchangeTime(t.nanosOrNull("event_time", "et"))
                .setReceiveTime(receivedAt)
                .build();
    }
}
