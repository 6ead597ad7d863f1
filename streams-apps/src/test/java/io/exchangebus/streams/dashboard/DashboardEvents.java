package io.exchangebus.streams.dashboard;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of Binance spot BTCUSDT (instrument BTC-USDT) and the account {@code main}, as the Binance connector maps
 * them (spot deltas chain by {@code firstSequence}), for the dashboard's tests.
 */
final class DashboardEvents {
    static final String EXCHANGE = "binance-spot";
    static final String SYMBOL = "BTCUSDT";
    static final String INSTRUMENT = "BTC-USDT";
    static final String BOOK_KEY = EXCHANGE + ":" + SYMBOL;
    static final String ACCOUNT = "main";
    static final String ACCOUNT_KEY = EXCHANGE + ":" + ACCOUNT;

    private DashboardEvents() {
    }

    /** A snapshot at {@code sequence}: best bid and ask as given, two more levels each further out. */
    static BookUpdate bookSnapshot(long sequence, String bestBid, String bestAsk) {
        BigDecimal bid = new BigDecimal(bestBid);
        BigDecimal ask = new BigDecimal(bestAsk);
        return book(BookUpdateKind.SNAPSHOT, sequence, null,
                List.of(level(bid, "1.5"), level(bid.subtract(new BigDecimal("0.2")), "2"),
                        level(bid.subtract(new BigDecimal("0.6")), "3.25")),
                List.of(level(ask, "0.8"), level(ask.add(new BigDecimal("0.3")), "1.2"),
                        level(ask.add(new BigDecimal("0.8")), "4")));
    }

    /** A delta following {@code sequence - 1}: each level set (quantity 0 removes it). */
    static BookUpdate bookDelta(long sequence, List<PriceLevel> bids, List<PriceLevel> asks) {
        return book(BookUpdateKind.DELTA, sequence, sequence, bids, asks);
    }

    static PriceLevel level(String price, String quantity) {
        return level(new BigDecimal(price), quantity);
    }

    private static PriceLevel level(BigDecimal price, String quantity) {
        return new PriceLevel(price, new BigDecimal(quantity));
    }

    private static BookUpdate book(BookUpdateKind kind, long sequence, Long first, List<PriceLevel> bids,
                                   List<PriceLevel> asks) {
        Instant now = Instant.now();
        return BookUpdate.newBuilder().setExchange(EXCHANGE).setSymbol(SYMBOL).setInstrumentId(INSTRUMENT)
                .setKind(kind).setDepth(kind == BookUpdateKind.SNAPSHOT ? bids.size() : 0).setSequence(sequence)
                .setFirstSequence(first).setBids(new ArrayList<>(bids)).setAsks(new ArrayList<>(asks))
                .setExchangeTime(now.minusMillis(2)).setReceiveTime(now).build();
    }

    static Trade trade(String tradeId, String price, String quantity, Side aggressor) {
        Instant now = Instant.now();
        return Trade.newBuilder().setExchange(EXCHANGE).setSymbol(SYMBOL).setInstrumentId(INSTRUMENT)
                .setTradeId(tradeId).setPrice(new BigDecimal(price)).setQuantity(new BigDecimal(quantity))
                .setAggressorSide(aggressor).setExchangeTime(now.minusMillis(3)).setReceiveTime(now).build();
    }

    static OrderAck ack(String clientOrderId, String status) {
        Instant now = Instant.now();
        return OrderAck.newBuilder().setCommandId("cmd-" + clientOrderId).setExchange(EXCHANGE).setAccount(ACCOUNT)
                .setStatus(AckStatus.valueOf(status)).setClientOrderId(clientOrderId)
                .setExchangeOrderId("REJECTED".equals(status) ? null : "4300123" + clientOrderId.length())
                .setError(null).setCommandCreatedAt(now.minusMillis(40)).setAckTime(now).build();
    }

    static BalanceUpdate balance(String asset, String free, String locked) {
        Instant now = Instant.now();
        BigDecimal f = new BigDecimal(free);
        BigDecimal l = new BigDecimal(locked);
        return BalanceUpdate.newBuilder().setExchange(EXCHANGE).setAccount(ACCOUNT).setAsset(asset).setFree(f)
                .setLocked(l).setTotal(f.add(l)).setExchangeTime(now.minusMillis(4)).setReceiveTime(now)
                .setSource(EventSource.STREAM).build();
    }

    /** A limit buy of 0.01 BTCUSDT at {@code price}, with its status and filled quantity. */
    static OrderUpdate orderUpdate(String clientOrderId, OrderStatus status, String price, String filled) {
        Instant now = Instant.now();
        return OrderUpdate.newBuilder().setExchange(EXCHANGE).setAccount(ACCOUNT).setSymbol(SYMBOL)
                .setInstrumentId(INSTRUMENT).setClientOrderId(clientOrderId).setExchangeOrderId("43001235")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC).setStatus(status)
                .setPrice(new BigDecimal(price)).setQuantity(new BigDecimal("0.01"))
                .setFilledQuantity(new BigDecimal(filled)).setAveragePrice(null).setLastFill(null)
                .setExchangeTime(now.minusMillis(5)).setReceiveTime(now).setSource(EventSource.STREAM).build();
    }
}
