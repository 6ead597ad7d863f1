package io.exchangebus.streams.positions;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RecoveryItemKind;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Events of one USD-M and one spot account as the Binance connector maps them (symbols, instrument ids, signed
 * position amounts, fees in the quote asset at 0.04 % taker on USD-M), for the positions tests.
 */
public final class Events {
    public static final String USDM = "binance-usdm";
    static final String SPOT = "binance-spot";
    public static final String ACCOUNT = "main";
    static final String BTCUSDT = "BTCUSDT";
    static final String BTC_PERP = "BTC-USDT-PERP";
    static final String BTC_SPOT = "BTC-USDT";
    static final String ETHUSDT = "ETHUSDT";
    static final String ETH_PERP = "ETH-USDT-PERP";
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private Events() {
    }

    public static String key(String exchange) {
        return exchange + ":" + ACCOUNT;
    }

    static String positionKey(String exchange, String instrumentId) {
        return exchange + ":" + ACCOUNT + ":" + instrumentId;
    }

    static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    static PositionUpdate position(String exchange, String symbol, String instrumentId, PositionSide side,
                                   String quantity, String entryPrice) {
        return PositionUpdate.newBuilder()
                .setExchange(exchange).setAccount(ACCOUNT).setSymbol(symbol).setInstrumentId(instrumentId)
                .setPositionSide(side).setQuantity(dec(quantity)).setEntryPrice(dec(entryPrice))
                .setExchangeTime(T0).setReceiveTime(T0.plusMillis(3)).setSource(EventSource.STREAM)
                .build();
    }

    public static PositionUpdate usdmPosition(String quantity, String entryPrice) {
        return position(USDM, BTCUSDT, BTC_PERP, PositionSide.NET, quantity, entryPrice);
    }

    static Fill fill(String tradeId, String price, String quantity, String fee, String feeAsset) {
        return Fill.newBuilder().setTradeId(tradeId).setPrice(dec(price)).setQuantity(dec(quantity))
                .setFee(dec(fee)).setFeeAsset(feeAsset).setLiquidity(Liquidity.TAKER).setExchangeTime(T0)
                .build();
    }

    /** An update of order {@code orderId} of BTCUSDT, with its cumulative fields. */
    static OrderUpdate order(String exchange, String orderId, Side side, OrderStatus status, String quantity,
                             String filled, String averagePrice, Fill lastFill) {
        String instrumentId = USDM.equals(exchange) ? BTC_PERP : BTC_SPOT;
        return OrderUpdate.newBuilder()
                .setExchange(exchange).setAccount(ACCOUNT).setSymbol(BTCUSDT).setInstrumentId(instrumentId)
                .setClientOrderId(null).setExchangeOrderId(orderId).setSide(side).setOrderType(OrderType.MARKET)
                .setStatus(status).setQuantity(dec(quantity)).setFilledQuantity(dec(filled))
                .setAveragePrice(dec(averagePrice)).setLastFill(lastFill)
                .setExchangeTime(T0.plusSeconds(1)).setReceiveTime(T0.plusSeconds(1).plusMillis(2))
                .setSource(EventSource.STREAM)
                .build();
    }

    /** A market order filled at once by one fill at {@code price}, fee 0.04 % in USDT. */
    public static OrderUpdate filledAtOnce(String exchange, String orderId, Side side, String quantity, String price) {
        String fee = dec(quantity).multiply(dec(price)).multiply(dec("0.0004")).toPlainString();
        return order(exchange, orderId, side, OrderStatus.FILLED, quantity, quantity, price,
                fill("t-" + orderId, price, quantity, fee, "USDT"));
    }

    static BalanceUpdate balance(String exchange, String asset, String free, String locked) {
        return BalanceUpdate.newBuilder()
                .setExchange(exchange).setAccount(ACCOUNT).setAsset(asset)
                .setFree(dec(free)).setLocked(dec(locked)).setTotal(dec(free).add(dec(locked)))
                .setExchangeTime(T0).setReceiveTime(T0.plusMillis(3)).setSource(EventSource.STREAM)
                .build();
    }

    /**
     * An epoch of one account as recovery-job writes it: the items from index 0, then the end marker with the count
     * of each kind.
     */
    public static List<RecoverySnapshot> epoch(String epochId, String exchange, String failureKind, SpecificRecord... items) {
        List<RecoverySnapshot> records = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            records.add(base(epochId, exchange, i).setItem(items[i]).setItemKind(kind(items[i])).build());
        }
        records.add(marker(epochId, exchange, items.length, failureKind, count(items, RecoveryItemKind.POSITION),
                count(items, RecoveryItemKind.OPEN_ORDER), count(items, RecoveryItemKind.ORDER_HISTORY)));
        return records;
    }

    static RecoverySnapshot marker(String epochId, String exchange, long index, String failureKind,
                                   long positions, long openOrders, long orderHistory) {
        return base(epochId, exchange, index).setItem(null).setItemKind(null).setItemCount(index)
                .setPositionCount(positions).setOpenOrderCount(openOrders).setOrderHistoryCount(orderHistory)
                .setAssetCount(index - positions - openOrders - orderHistory)
                .setFailureKind(failureKind)
                .setFailureMessage(failureKind == null ? null : "GET /fapi/v2/account: HTTP 503")
                .build();
    }

    private static long count(SpecificRecord[] items, RecoveryItemKind kind) {
        long n = 0;
        for (SpecificRecord item : items) {
            if (kind(item) == kind) {
                n++;
            }
        }
        return n;
    }

    private static RecoverySnapshot.Builder base(String epochId, String exchange, long index) {
        return RecoverySnapshot.newBuilder().setEpochId(epochId).setExchange(exchange).setAccount(ACCOUNT)
                .setItemIndex(index).setStartedAt(T0.minusSeconds(5));
    }

    static RecoveryItemKind kind(SpecificRecord item) {
        if (item instanceof BalanceUpdate) {
            return RecoveryItemKind.BALANCE;
        }
        if (item instanceof PositionUpdate) {
            return RecoveryItemKind.POSITION;
        }
        if (item instanceof OrderUpdate order) {
            return order.getStatus() == OrderStatus.NEW || order.getStatus() == OrderStatus.PARTIALLY_FILLED
                    ? RecoveryItemKind.OPEN_ORDER : RecoveryItemKind.ORDER_HISTORY;
        }
        throw new IllegalArgumentException("not an epoch item: " + item);
    }

    /** {@code event} marked as fetched by recovery. */
    static OrderUpdate recovered(OrderUpdate event) {
        return OrderUpdate.newBuilder(event).setSource(EventSource.RECOVERY).setLastFill(null).build();
    }
}
