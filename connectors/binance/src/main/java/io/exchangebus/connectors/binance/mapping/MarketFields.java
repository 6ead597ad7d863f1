package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.binance.mapping.MarketMapping.isPartialStream;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.missing;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.symbolOfStream;
import static io.exchangebus.connectors.binance.mapping.MarketMapping.unknownType;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.PartialDepth;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.book.BookDiff;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.book.PreviousIdLinkRule;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One market-data frame's fields, filled in any order by either reader ({@link CompactFrameReader} or
 * {@link MarketTokenWalk}), and the rules that make them a {@link Message}, kept in one place so that both readers
 * give the same message or the same refusal. A field not in the frame is {@link #ABSENT} (integers) or null.
 * One instance per frame; not thread-safe.
 */
final class MarketFields {
    static final long ABSENT = Long.MIN_VALUE;
    String type;
    String symbol;
    long eventTime = ABSENT;
    long time = ABSENT;
    long firstId = ABSENT;
    long lastId = ABSENT;
    long previousId = ABSENT;
    long snapshotId = ABSENT;
    long tradeId = ABSENT;
    long aggId = ABSENT;
    BigDecimal price;
    BigDecimal quantity;
    /** 1 for {@code "m":true}, 0 for false, -1 when absent or not a boolean. */
    int buyerMaker = -1;
    List<Level> bids;
    List<Level> asks;

    /**
     * The message these fields make on {@code stream} (null for a raw-stream frame).
     *
     * @throws UnmappableMessageException for an unknown event type or a missing or invalid field
     */
    Message toMessage(BinanceVenue venue, String stream) {
        if ("depthUpdate".equals(type)) {
            return isPartialStream(stream) ? usdmPartial(stream) : diff(venue, stream);
        }
        if ("trade".equals(type)) {
            return trade(stream, tradeId, "t");
        }
        if ("aggTrade".equals(type)) {
            return trade(stream, aggId, "a");
        }
        if (type == null && snapshotId != ABSENT) {
            return spotPartial(stream);
        }
        throw unknownType(type, stream);
    }

    private DepthDiff diff(BinanceVenue venue, String stream) {
        long first = require(firstId, "U");
        long last = require(lastId, "u");
        long previous = BookDiff.NO_PREVIOUS;
        long exchangeTime = eventTime;
        if (venue.bookSequenceRule() instanceof PreviousIdLinkRule) {
            previous = require(previousId, "pu");
            exchangeTime = time != ABSENT ? time : eventTime;
        }
        if (first > last) {
            throw new UnmappableMessageException("U " + first + " is after u " + last);
        }
        BookDiff d = new BookDiff(first, last, previous, require(bids, "b"), require(asks, "a"),
                exchangeTime == ABSENT ? null : Instant.ofEpochMilli(exchangeTime));
        return new DepthDiff(stream, require(symbol, "s"), d);
    }

    private PartialDepth usdmPartial(String stream) {
        long exchangeTime = time != ABSENT ? time : eventTime;
        BookSnapshot s = new BookSnapshot(require(lastId, "u"), require(bids, "b"),
                require(asks, "a"), exchangeTime == ABSENT ? null : Instant.ofEpochMilli(exchangeTime));
        return new PartialDepth(stream, require(symbol, "s"), depthOf(stream, s), s);
    }

    private PartialDepth spotPartial(String stream) {
        if (stream == null) {
            throw new UnmappableMessageException("a partial depth frame carries no symbol: it needs the combined"
                    + " stream's envelope {\"stream\":\"<symbol>@depth<N>\",\"data\":…}");
        }
        BookSnapshot s = new BookSnapshot(snapshotId, require(bids, "bids"), require(asks, "asks"),
                null);
        return new PartialDepth(stream, symbolOfStream(stream), depthOf(stream, s), s);
    }

    /** A trade's price {@code p} and quantity {@code q} are above zero: a trade of nothing, or for nothing, is none. */
    private TradeTick trade(String stream, long id, String idField) {
        if (buyerMaker < 0) {
            throw missing("m");
        }
        return new TradeTick(stream, require(symbol, "s"), Long.toString(require(id, idField)),
                BinanceFields.inRange(ValueRange.POSITIVE, "p", require(price, "p")),
                BinanceFields.inRange(ValueRange.POSITIVE, "q", require(quantity, "q")),
                buyerMaker == 1 ? Side.SELL : Side.BUY, require(time, "T"));
    }

    /** N of a {@code <symbol>@depth<N>} stream, or the larger side's length when there is none. */
    private static int depthOf(String stream, BookSnapshot s) {
        if (stream != null) {
            int from = stream.indexOf("@depth") + 6;
            int to = from;
            while (to < stream.length() && Character.isDigit(stream.charAt(to))) {
                to++;
            }
            if (to > from) {
                return Integer.parseInt(stream, from, to, 10);
            }
        }
        return Math.max(s.bids().size(), s.asks().size());
    }

    private static long require(long value, String field) {
        if (value == ABSENT) {
            throw missing(field);
        }
        return value;
    }

    /** A field that is an object (text, decimal, levels): present, or the frame is refused. */
    private static <T> T require(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }
}
