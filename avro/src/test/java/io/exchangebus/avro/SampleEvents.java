package io.exchangebus.avro;

import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.DeadLetter;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OptionType;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderError;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.RawFrame;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.events.Side;
import io.exchangebus.events.Ticker;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated instance of every topic-value record (every optional field set), with values taken from
 * the exchanges' documented samples where one exists. Decimals are at the model's scale, as mapping code gives them.
 */
public final class SampleEvents {
    static final Instant EXCHANGE_TIME = Instant.parse("2026-11-21T10:15:30.123456Z");
    static final Instant RECEIVE_TIME = Instant.parse("2026-11-21T10:15:30.125001Z");

    private SampleEvents() {
    }

    public static BigDecimal dec(String text) {
        return ExactDecimals.parse("sample", text);
    }

    public static List<SpecificRecord> oneOfEach() {
        return List.of(instrument(), bookUpdate(20), trade(), ticker(), rawFrame(), orderCommand(), orderAck(),
                orderUpdate(), positionUpdate(), balanceUpdate(), accountUpdate(), recoverySnapshot(), deadLetter());
    }

    public static Instrument instrument() {
        return Instrument.newBuilder()
                .setExchange("deribit").setSymbol("BTC-27MAR26-100000-C").setInstrumentId("BTC-USD-20260327-100000-C")
                .setKind(InstrumentKind.OPTION).setBase("BTC").setQuote("USD").setSettle("BTC")
                .setExpiry(Instant.parse("2026-03-27T08:00:00Z")).setStrike(dec("100000"))
                .setOptionType(OptionType.CALL).setTickSize(dec("0.0005")).setLotSize(dec("0.1"))
                .setMinQuantity(dec("0.1")).setMinNotional(null).setContractSize(dec("1")).setTrading(true)
                .build();
    }

    /** A book snapshot with {@code levels} bids and {@code levels} asks around 65000 USDT. */
    public static BookUpdate bookUpdate(int levels) {
        List<PriceLevel> bids = new ArrayList<>(levels);
        List<PriceLevel> asks = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            bids.add(new PriceLevel(dec("65000.00").subtract(dec("0.01").multiply(BigDecimal.valueOf(i))),
                    dec("0.00125").add(dec("0.001").multiply(BigDecimal.valueOf(i)))));
            asks.add(new PriceLevel(dec("65000.01").add(dec("0.01").multiply(BigDecimal.valueOf(i))),
                    dec("1.5").add(dec("0.25").multiply(BigDecimal.valueOf(i)))));
        }
        return BookUpdate.newBuilder()
                .setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(BookUpdateKind.SNAPSHOT).setResync(false).setDepth(levels)
                .setSequence(1027024L).setPreviousSequence(1027023L)
                .setBids(bids).setAsks(asks)
                .setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME)
                .build();
    }

    public static Trade trade() {
        return Trade.newBuilder()
                .setExchange("binance-spot").setSymbol("BNBBTC").setInstrumentId("BNB-BTC")
                .setTradeId("12345").setPrice(dec("0.001")).setQuantity(dec("100"))
                .setAggressorSide(Side.SELL).setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME)
                .build();
    }

    public static Ticker ticker() {
        return Ticker.newBuilder()
                .setExchange("binance-usdm").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP")
                .setBidPrice(dec("65000.1")).setBidQuantity(dec("3.2")).setAskPrice(dec("65000.2"))
                .setAskQuantity(dec("0.8")).setLastPrice(dec("65000.1")).setMarkPrice(dec("65001.23456789"))
                .setIndexPrice(dec("64999.87")).setFundingRate(dec("0.00010000")).setOpenInterest(dec("81234.567"))
                .setVolume24h(dec("123456.789")).setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME)
                .build();
    }

    public static RawFrame rawFrame() {
        return RawFrame.newBuilder()
                .setExchange("binance-spot").setSymbol("BNBBTC").setChannel("bnbbtc@trade")
                .setPayload("{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,\"p\":\"0.001\",\"q\":\"100\"}")
                .setReceiveTime(RECEIVE_TIME)
                .build();
    }

    public static OrderCommand orderCommand() {
        PlaceOrder place = PlaceOrder.newBuilder()
                .setClientOrderId("strat1-000042").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTD)
                .setQuantity(dec("0.002")).setPrice(dec("64000.5")).setStopPrice(null).setReduceOnly(true)
                .setGoodTillTime(Instant.parse("2026-11-21T12:00:00Z"))
                .build();
        return OrderCommand.newBuilder()
                .setCommandId("cmd-7f3a").setExchange("binance-usdm").setAccount("main")
                .setCreatedAt(EXCHANGE_TIME).setExpiresAt(Instant.parse("2026-11-21T10:15:35Z"))
                .setAction(place)
                .build();
    }

    public static OrderAck orderAck() {
        return OrderAck.newBuilder()
                .setCommandId("cmd-7f3a").setExchange("binance-usdm").setAccount("main").setStatus(AckStatus.REJECTED)
                .setClientOrderId("strat1-000042").setExchangeOrderId(null)
                .setError(new OrderError(ErrorKind.INSUFFICIENT_FUNDS, "-2019", "Margin is insufficient.", false, null))
                .setCommandCreatedAt(EXCHANGE_TIME).setAckTime(RECEIVE_TIME)
                .build();
    }

    public static OrderUpdate orderUpdate() {
        return OrderUpdate.newBuilder()
                .setExchange("binance-spot").setAccount("main").setSymbol("LTCBTC").setInstrumentId("LTC-BTC")
                .setClientOrderId("mUvoqJxFIILMdfAW5iGSOW").setExchangeOrderId("4293153")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setStatus(OrderStatus.PARTIALLY_FILLED).setPrice(dec("0.10264410")).setStopPrice(null)
                .setQuantity(dec("1.00000000")).setFilledQuantity(dec("0.40000000"))
                .setAveragePrice(dec("0.10264410"))
                .setLastFill(new Fill("1234", dec("0.10264410"), dec("0.40000000"), dec("0.00000040"), "BNB",
                        Liquidity.MAKER, EXCHANGE_TIME))
                .setReason(null).setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME)
                .setSource(EventSource.STREAM)
                .build();
    }

    public static PositionUpdate positionUpdate() {
        return PositionUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP")
                .setPositionSide(PositionSide.NET).setQuantity(dec("-0.250")).setEntryPrice(dec("65010.3"))
                .setMarkPrice(dec("65001.23456789")).setUnrealizedPnl(dec("2.26635802")).setRealizedPnl(dec("-0.5"))
                .setLiquidationPrice(dec("71234.5")).setLeverage(dec("20"))
                .setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME).setSource(EventSource.RECOVERY)
                .build();
    }

    public static BalanceUpdate balanceUpdate() {
        return BalanceUpdate.newBuilder()
                .setExchange("binance-spot").setAccount("main").setAsset("ETH")
                .setFree(dec("10000.000000")).setLocked(dec("0.000000")).setTotal(dec("10000.000000"))
                .setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME).setSource(EventSource.STREAM)
                .build();
    }

    public static AccountUpdate accountUpdate() {
        return AccountUpdate.newBuilder()
                .setExchange("binance-usdm").setAccount("main").setMarginAsset("USDT")
                .setEquity(dec("103.12345678")).setWalletBalance(dec("100.12345678")).setAvailableBalance(dec("90.1"))
                .setInitialMargin(dec("10.02345678")).setMaintenanceMargin(dec("0.5")).setUnrealizedPnl(dec("3"))
                .setCanTrade(true).setExchangeTime(EXCHANGE_TIME).setReceiveTime(RECEIVE_TIME)
                .setSource(EventSource.RECOVERY)
                .build();
    }

    public static RecoverySnapshot recoverySnapshot() {
        return RecoverySnapshot.newBuilder()
                .setEpochId("epoch-2026-11-21T10:15:00Z").setExchange("binance-usdm").setAccount("main")
                .setItemIndex(3L).setStartedAt(EXCHANGE_TIME).setItem(positionUpdate()).setItemCount(null)
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setService("ingest").setSourceTopic(null).setSourcePartition(null).setSourceOffset(null)
                .setExchange("binance-spot").setKey(ByteBuffer.wrap("binance-spot:BTCUSDT".getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap("{\"e\":\"depthUpdate\",\"b\":[[\"x\"".getBytes(StandardCharsets.UTF_8)))
                .setErrorType("MALFORMED_FRAME").setReason("Unexpected end of input in the frame")
                .setFailedAt(RECEIVE_TIME)
                .build();
    }
}
