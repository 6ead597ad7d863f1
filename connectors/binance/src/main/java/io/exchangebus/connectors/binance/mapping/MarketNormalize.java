package io.exchangebus.connectors.binance.mapping;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.PartialDepth;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.book.BookSnapshot;
import io.exchangebus.connectors.core.book.BookUpdateMapper;
import io.exchangebus.connectors.core.book.Level;
import io.exchangebus.connectors.core.book.TopNBook;
import io.exchangebus.events.BookUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The bodies of {@link MarketMapping}'s normalize functions (a raw frame or REST depth answer to the unified events
 * it carries, with no book kept) and of its partial depth to {@code SNAPSHOT}; see those for the formats.
 */
final class MarketNormalize {

    private static final Comparator<Level> BIDS_BEST_FIRST = Comparator.comparing(Level::price).reversed();
    private static final Comparator<Level> ASKS_BEST_FIRST = Comparator.comparing(Level::price);

    private MarketNormalize() {
    }

    /** See {@link MarketMapping#normalize(BinanceVenue, String, Instant, Function)}. */
    static List<Object> normalize(BinanceVenue venue, String rawFrame, Instant receivedAt,
                                  Function<String, String> instrumentOf) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Message message = MarketMapping.parse(venue, rawFrame);
        String exchange = venue.exchange();
        if (message instanceof DepthDiff d) {
            return List.of(mapper(exchange, d.symbol(), instrumentOf).delta(d.diff(), receivedAt));
        }
        if (message instanceof PartialDepth pd) {
            return List.of(partialToUpdate(mapper(exchange, pd.symbol(), instrumentOf), pd, false, receivedAt));
        }
        if (message instanceof TradeTick t) {
            return List.of(t.toTrade(exchange, instrumentId(t.symbol(), instrumentOf), receivedAt));
        }
        return List.of();
    }

    /** See {@link MarketMapping#normalizeRestDepth}. */
    static Object restDepth(BinanceVenue venue, String symbol, String body, Instant receivedAt,
                            Function<String, String> instrumentOf) {
        BookSnapshot s = MarketMapping.depthSnapshot(venue, body);
        TopNBook view = new TopNBook(0, s.lastUpdateId(), sorted(s.bids(), BIDS_BEST_FIRST),
                sorted(s.asks(), ASKS_BEST_FIRST), false, s.exchangeTime());
        return mapper(venue.exchange(), symbol, instrumentOf).topN(view, receivedAt);
    }

    /** See {@link MarketMapping#partialToUpdate}. */
    static BookUpdate partialToUpdate(BookUpdateMapper mapper, PartialDepth pd, boolean resync, Instant receivedAt) {
        BookSnapshot s = pd.snapshot();
        TopNBook view = new TopNBook(pd.depth(), s.lastUpdateId(), sorted(s.bids(), BIDS_BEST_FIRST),
                sorted(s.asks(), ASKS_BEST_FIRST), resync, s.exchangeTime());
        return mapper.topN(view, receivedAt);
    }

    private static BookUpdateMapper mapper(String exchange, String symbol, Function<String, String> instrumentOf) {
        return new BookUpdateMapper(exchange, symbol, instrumentId(symbol, instrumentOf));
    }

    private static String instrumentId(String symbol, Function<String, String> instrumentOf) {
        String id = instrumentOf.apply(symbol);
        if (id == null) {
            throw new UnmappableMessageException("unknown symbol '" + symbol + "'");
        }
        return id;
    }

    private static List<Level> sorted(List<Level> levels, Comparator<Level> order) {
        List<Level> copy = new ArrayList<>(levels);
        copy.sort(order);
        return copy;
    }
}
