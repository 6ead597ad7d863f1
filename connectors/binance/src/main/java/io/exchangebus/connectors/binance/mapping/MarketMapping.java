package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Binance's market-data formats, both families, in one place: pure static functions from a frame's text (or a REST
 * answer) to the core book types and the {@link Trade} event. Nothing here holds state or does I/O.
 *
 * <p>Formats (binance-spot-api-docs web-socket-streams.md; USD-M "Websocket Market Streams"; samples in
 * {@code shared/fixtures/binance/*market_streams*}):
 * <ul>
 * <li>Combined-stream envelope {@code {"stream":"bnbbtc@depth@100ms","data":{…}}}: unwrapped by {@link #parse};
 *     a raw-stream frame is the event itself.</li>
 * <li>Diff depth {@code depthUpdate}: {@code U} first and {@code u} final update id, {@code b}/{@code a} levels
 *     {@code [price, qty]} as strings (qty 0 removes), {@code E} event time; USD-M adds {@code pu} (the previous
 *     event's {@code u}, required) and {@code T} transaction time, which is taken as the exchange time.</li>
 * <li>Partial depth: spot {@code {"lastUpdateId","bids","asks"}} without symbol or time (the symbol comes from the
 *     stream name, so it needs the envelope); USD-M a {@code depthUpdate} on a {@code <symbol>@depth<N>…} stream,
 *     whose {@code u} is the snapshot's id. Both become a {@link PartialDepth}.</li>
 * <li>{@code trade} (spot; id {@code t}) and {@code aggTrade} (both; id {@code a}): price {@code p}, quantity
 *     {@code q}, trade time {@code T}, {@code m} "is the buyer the market maker?": true means the taker sold.</li>
 * <li>REST depth ({@code /api/v3/depth}, {@code /fapi/v1/depth}): {@code lastUpdateId}, {@code bids}, {@code asks};
 *     USD-M adds {@code E} and {@code T} (taken as the exchange time): {@link #depthSnapshot}.</li>
 * <li>REST trade history: spot {@code /api/v3/historicalTrades} ({@code id}, {@code price}, {@code qty},
 *     {@code time}, {@code isBuyerMaker}: the {@code trade} stream's {@code t}, {@code p}, {@code q}, {@code T},
 *     {@code m}) and USD-M {@code /fapi/v1/aggTrades} ({@code a}, {@code p}, {@code q}, {@code T}, {@code m}, as the
 *     {@code aggTrade} stream): {@link #restTrades}, the same {@link TradeTick}s the streams give.</li>
 * <li>Answers to {@code SUBSCRIBE}/{@code UNSUBSCRIBE} ({@code {"result":null,"id":1}} or with {@code error}):
 *     {@link Reply}.</li>
 * </ul>
 * Anything else (kline, ticker, bookTicker, …), or a frame missing a field, is refused with an
 * {@link UnmappableMessageException} whose message says why.
 *
 * <p>Hot path: {@link #parse} first tries {@link CompactFrameReader}, which reads Binance's own compact layout
 * straight from the characters; any other layout is read by a Jackson streaming walk (no tree, no databind), which
 * also gives every refusal its reason. Both fill the same {@link MarketFields}, which build the message; decimals are
 * built from the text's characters. Failures go through cold helpers.
 */
public final class MarketMapping {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREE = ExactNumbers.configure(new ObjectMapper(JSON));

    private MarketMapping() {
    }

    // ---- what a frame carries ----

    /** The content of one market-data frame. */
    public sealed interface Message permits DepthDiff, PartialDepth, TradeTick, Reply {
        /** The stream it came on (from the combined-stream envelope), or null for a raw-stream frame. */
        String stream();
    }

    /** A diff-depth event ({@code <symbol>@depth…}); {@code symbol} as Binance spells it (upper case). */
    public record DepthDiff(String stream, String symbol, BookDiff diff) implements Message {
    }

    /**
     * A partial-depth event ({@code <symbol>@depth<N>…}): the top {@code depth} levels a side at the snapshot's id.
     * {@code depth} is N from the stream name, or the larger side's length when there is no stream name.
     */
    public record PartialDepth(String stream, String symbol, int depth, BookSnapshot snapshot) implements Message {
    }

    /** A {@code trade} or {@code aggTrade} event. {@code tradeTimeMillis} is Binance's {@code T}. */
    public record TradeTick(String stream, String symbol, String tradeId, BigDecimal price, BigDecimal quantity,
                            Side aggressorSide, long tradeTimeMillis) implements Message {

        /**
         * The unified event, decimals at the model's scale 18; {@code receiveTime} is when we read the frame.
         *
         * @throws org.apache.avro.AvroRuntimeException when a text field or {@code receiveTime} is null
         */
        public Trade toTrade(String exchange, String instrumentId, Instant receiveTime) {
            if (exchange == null || symbol == null || instrumentId == null || tradeId == null || receiveTime == null) {
                return viaBuilder(exchange, instrumentId, receiveTime); // which refuses the null, naming the field
            }
            // the all-fields constructor, not the builder: the same record (receiveTime truncated to micros by
            // both), without the builder's field array, set flags and per-field checks on the hot path
            return new Trade(exchange, symbol, instrumentId, tradeId, null,
                    ExactDecimals.exact("price", price), ExactDecimals.exact("quantity", quantity), aggressorSide,
                    Instant.ofEpochMilli(tradeTimeMillis), receiveTime);
        }

        private Trade viaBuilder(String exchange, String instrumentId, Instant receiveTime) {
            return Trade.newBuilder()
                    .setExchange(exchange).setSymbol(symbol).setInstrumentId(instrumentId)
                    .setTradeId(tradeId)
                    .setPrice(ExactDecimals.exact("price", price))
                    .setQuantity(ExactDecimals.exact("quantity", quantity))
                    .setAggressorSide(aggressorSide)
                    .setExchangeTime(Instant.ofEpochMilli(tradeTimeMillis))
                    .setReceiveTime(receiveTime)
                    .build();
        }
    }

    /** The answer to a SUBSCRIBE/UNSUBSCRIBE request: {@code error} is null on success. */
    public record Reply(String stream, long id, String error) implements Message {
    }

    // ---- hot path ----

    /**
     * Maps one market-data frame (combined-stream envelope or raw stream).
     *
     * @throws UnmappableMessageException naming the reason, for anything that is not a depth, trade or aggTrade
     *         event or a request's answer, or that misses a field
     */
    public static Message parse(BinanceVenue venue, String frame) {
        Message compact = CompactFrameReader.read(venue, frame);
        return compact != null ? compact : parseGeneral(venue, frame);
    }

    /**
     * {@link #parse(BinanceVenue, String)} of the frame's bytes as they come off the socket: UTF-8 in
     * {@code frame[offset, offset + length)}, read without making a String of the frame. The bytes are only read.
     *
     * @throws UnmappableMessageException as {@link #parse(BinanceVenue, String)}
     */
    public static Message parse(BinanceVenue venue, byte[] frame, int offset, int length) {
        Message compact = CompactFrameReader.read(venue, frame, offset, length);
        return compact != null ? compact : MarketTokenWalk.parse(venue, frame, offset, length);
    }

    /** {@link #parse} without the compact fast path: a Jackson token walk that reads any valid JSON layout. */
    static Message parseGeneral(BinanceVenue venue, String frame) {
        return MarketTokenWalk.parse(venue, frame);
    }

    // ---- streams ----

    /** True for a partial-depth stream name: {@code <symbol>@depth<N>} with an optional {@code @<speed>}. */
    public static boolean isPartialStream(String stream) {
        if (stream == null) {
            return false;
        }
        int at = stream.indexOf("@depth");
        int digit = at + 6;
        return at > 0 && digit < stream.length() && Character.isDigit(stream.charAt(digit));
    }

    /** The symbol of a stream name, as Binance spells it in events: {@code bnbbtc@depth5} gives {@code BNBBTC}. */
    public static String symbolOfStream(String stream) {
        int at = stream.indexOf('@');
        return (at < 0 ? stream : stream.substring(0, at)).toUpperCase(Locale.ROOT);
    }

    // ---- REST ----

    /** A REST depth answer ({@code /api/v3/depth} or {@code /fapi/v1/depth}) as a snapshot. */
    public static BookSnapshot depthSnapshot(BinanceVenue venue, JsonNode body) {
        return MarketRestMapping.depthSnapshot(venue, body);
    }

    /** {@link #depthSnapshot(BinanceVenue, JsonNode)} from the answer's text. */
    public static BookSnapshot depthSnapshot(BinanceVenue venue, String body) {
        return MarketRestMapping.depthSnapshot(venue, body);
    }

    /** See {@link MarketRestMapping#restTrades}. */
    public static List<TradeTick> restTrades(BinanceVenue venue, String symbol, String stream, JsonNode body) {
        return MarketRestMapping.restTrades(venue, symbol, stream, body);
    }

    // ---- requests ----

    /** {@code {"method":"SUBSCRIBE","params":[…],"id":n}} (or UNSUBSCRIBE). */
    public static String request(String method, Iterable<String> streams, long id) {
        StringBuilder sb = new StringBuilder(64).append("{\"method\":\"").append(method).append("\",\"params\":[");
        boolean first = true;
        for (String stream : streams) {
            sb.append(first ? "\"" : ",\"").append(stream).append('"');
            first = false;
        }
        return sb.append("],\"id\":").append(id).append('}').toString();
    }

    // ---- a raw frame of unknown type, for tools ----

    /**
     * Maps one raw Binance market-data frame of any kind to the unified events it carries, for tools such as
     * {@code exbus normalize}: a diff-depth event gives one {@code DELTA} {@link io.exchangebus.events.BookUpdate}
     * (depth 0, sequence {@code u}, previous sequence {@code pu} on USD-M); a partial-depth event one
     * {@code SNAPSHOT} of depth N (sequence {@code lastUpdateId}, or {@code u} on USD-M); a REST depth answer
     * one full-depth {@code SNAPSHOT} (its symbol must then be given as {@code restSymbol}); a trade or aggTrade one
     * {@link Trade}; a request's answer nothing. No book is kept: deltas are mapped as they are, not checked
     * against a sequence.
     *
     * @param venue        the family the frame came from (formats differ)
     * @param rawFrame     the frame's text
     * @param receivedAt   when it was read (the events' receive time)
     * @param instrumentOf our instrument id of a Binance symbol ({@code BTCUSDT}), or null if unknown
     * @return the events, in order (BookUpdate or Trade)
     * @throws UnmappableMessageException with the reason, for a frame that is none of these or is malformed, or
     *         whose symbol is unknown
     */
    public static List<Object> normalize(BinanceVenue venue, String rawFrame, Instant receivedAt,
                                         Function<String, String> instrumentOf) {
        return MarketNormalize.normalize(venue, rawFrame, receivedAt, instrumentOf);
    }

    /** {@link #normalize(BinanceVenue, String, Instant, Function)} with the instruments of a registry. */
    public static List<Object> normalize(BinanceVenue venue, String rawFrame, Instant receivedAt,
                                         InstrumentRegistry instruments) {
        return normalize(venue, rawFrame, receivedAt,
                symbol -> instruments.bySymbol(symbol).map(i -> i.id().toString()).orElse(null));
    }

    /** A REST depth answer of {@code symbol} as one full-depth snapshot event. */
    public static Object normalizeRestDepth(BinanceVenue venue, String symbol, String body, Instant receivedAt,
                                            Function<String, String> instrumentOf) {
        return MarketNormalize.restDepth(venue, symbol, body, receivedAt, instrumentOf);
    }

    /** A partial-depth event as a {@code SNAPSHOT} of depth N, levels best first. */
    public static io.exchangebus.events.BookUpdate partialToUpdate(BookUpdateMapper mapper, PartialDepth pd,
                                                                    boolean resync, Instant receivedAt) {
        return MarketNormalize.partialToUpdate(mapper, pd, resync, receivedAt);
    }

    // ---- cold helpers ----

    static Reply reply(String frame) {
        try {
            JsonNode node = TREE.readTree(frame);
            if (node.has("method") || node.has("status") || !node.path("id").isIntegralNumber()) {
                throw new UnmappableMessageException(node.has("method")
                        ? "a request, not a market-data frame"
                        : "a WebSocket API message, not a market-stream frame (no integer id, or a status)");
            }
            JsonNode error = node.get("error");
            String text = error == null || error.isNull() ? null
                    : error.path("code").asText() + " " + error.path("msg").asText();
            return new Reply(null, node.path("id").asLong(-1), text);
        } catch (IOException e) {
            throw notJson(e);
        } catch (NumberFormatException e) {
            // Jackson's exact tree refuses a number like 17e4192620419 this way, not with an IOException
            throw new UnmappableMessageException("not valid JSON: a number out of range (" + e.getMessage() + ")");
        }
    }

    static UnmappableMessageException missing(String field) {
        return new UnmappableMessageException("field '" + field + "' is missing");
    }

    static UnmappableMessageException unknownType(String type, String stream) {
        return new UnmappableMessageException(type == null
                ? "not a market-data event: no event type 'e'" + (stream == null ? "" : " on stream " + stream)
                : "unsupported event type '" + type + "'" + (stream == null ? "" : " on stream " + stream)
                        + " (the Subscriber maps depthUpdate, partial depth, trade and aggTrade)");
    }

    static UnmappableMessageException notDecimal(String field, Object what) {
        return new UnmappableMessageException("field '" + field + "' is not a decimal: " + what);
    }

    /** Refuses level {@code index} of {@code field} whose {@code part} is out of {@code range}: {@code b[3].price}. */
    static void refuseLevel(String field, int index, String part, ValueRange range, BigDecimal value) {
        BinanceFields.refuse(range, levelName(field, index, part), value);
    }

    /** A level's part in a refusal: {@code b[3].price}. */
    static String levelName(String field, int index, String part) {
        return field + "[" + index + "]" + part;
    }

    static UnmappableMessageException badLevel(String field) {
        return new UnmappableMessageException("field '" + field + "' is not a list of [price, quantity] levels");
    }

    static UnmappableMessageException truncated(String field) {
        return new UnmappableMessageException("frame ends inside field '" + field + "'");
    }

    static UnmappableMessageException trailing() {
        return new UnmappableMessageException("unexpected content after the event");
    }

    static UnmappableMessageException badEnvelope() {
        return new UnmappableMessageException("combined-stream envelope is not {\"stream\":…,\"data\":{…}}");
    }

    static UnmappableMessageException notAnObject(String frame) {
        return new UnmappableMessageException(frame.isBlank() ? "empty frame"
                : frame.strip().startsWith("[") ? "an array of events (all-market stream), not a single event"
                : "not a JSON object");
    }

    static UnmappableMessageException notJson(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("");
        return new UnmappableMessageException("not valid JSON: " + detail);
    }
}
