package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * BookUpdates of one book as the connectors' mapper makes them ({@code BookUpdateMapper}): full-depth snapshots
 * (depth 0) and deltas carrying Binance's ids, spot style ({@code U} as firstSequence, {@code u} as sequence) or
 * USD-M style (with {@code pu} as previousSequence). Receive times move forward one millisecond per event.
 */
final class BookEvents {
    final String exchange;
    final String symbol;
    final String instrumentId;
    private Instant receiveTime = Instant.parse("2026-11-20T10:00:00.000001Z");

    BookEvents(String exchange, String symbol, String instrumentId) {
        this.exchange = exchange;
        this.symbol = symbol;
        this.instrumentId = instrumentId;
    }

    static BookEvents binanceSpotBtc() {
        return new BookEvents("binance-spot", "BTCUSDT", "BTC-USDT");
    }

    static BookEvents binanceUsdmBtc() {
        return new BookEvents("binance-usdm", "BTCUSDT", "BTC-USDT-PERP");
    }

    static BookEvents grvtSpotBtc() {
        return new BookEvents("grvt", "BTC_USDT", "BTC-USDT");
    }

    /** GRVT's linear perpetual: our BTC-USDT-PERP, the instrument of Binance USD-M's BTCUSDT. */
    static BookEvents grvtPerpBtc() {
        return new BookEvents("grvt", "BTC_USDT_Perp", "BTC-USDT-PERP");
    }

    String key() {
        return exchange + ':' + symbol;
    }

    /** A full-depth snapshot at {@code sequence} (Binance {@code lastUpdateId}). */
    BookUpdate snapshot(long sequence, List<PriceLevel> bids, List<PriceLevel> asks) {
        return update(BookUpdateKind.SNAPSHOT, sequence, null, null, bids, asks);
    }

    /** A spot diff: updates {@code first} (U) to {@code last} (u), no previous id. */
    BookUpdate spotDelta(long first, long last, List<PriceLevel> bids, List<PriceLevel> asks) {
        return update(BookUpdateKind.DELTA, last, null, first, bids, asks);
    }

    /** A USD-M diff: updates {@code first} (U) to {@code last} (u), following {@code previous} (pu). */
    BookUpdate usdmDelta(long first, long last, long previous, List<PriceLevel> bids, List<PriceLevel> asks) {
        return update(BookUpdateKind.DELTA, last, previous, first, bids, asks);
    }

    private BookUpdate update(BookUpdateKind kind, long sequence, Long previous, Long first, List<PriceLevel> bids,
                              List<PriceLevel> asks) {
        receiveTime = receiveTime.plusMillis(1);
        return new BookUpdate(exchange, symbol, instrumentId, kind, false, 0, sequence, previous, bids, asks,
                receiveTime.minusMillis(3), receiveTime, first);
    }

    /** Levels from "price@quantity" texts, in the order given (best first, as the schema says). */
    static List<PriceLevel> levels(String... priceAtQuantity) {
        List<PriceLevel> out = new ArrayList<>(priceAtQuantity.length);
        for (String level : priceAtQuantity) {
            int at = level.indexOf('@');
            out.add(new PriceLevel(new BigDecimal(level.substring(0, at)), new BigDecimal(level.substring(at + 1))));
        }
        return out;
    }

    static List<PriceLevel> none() {
        return List.of();
    }
}
