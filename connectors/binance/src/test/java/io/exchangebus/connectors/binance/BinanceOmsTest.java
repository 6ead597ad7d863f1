package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.limit.OrderRateLimits;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OMS's local decisions, with no exchange behind it: an unconnected OMS answers NETWORK "not connected" for
 * anything it would send, so any other answer shows the request was refused before sending.
 */
class BinanceOmsTest {

    private final List<BinanceOms> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(BinanceOms::close);
    }

    private BinanceOms oms(BinanceVenue venue) {
        BinanceConfig config = BinanceConfig.builder(BinanceEndpoints.testnet(venue))
                .signer(BinanceSigner.of(new ApiCredentials("main", "key", Secret.of("secret")), BinanceKeyType.HMAC))
                .build();
        InstrumentRegistry registry = new InstrumentRegistry(venue.exchange());
        TradingRules rules = new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.001"),
                new BigDecimal("0.001"), new BigDecimal("100"), new BigDecimal("5"), BigDecimal.ONE);
        InstrumentId id = venue == BinanceVenue.SPOT ? InstrumentId.spot("BTC", "USDT")
                : InstrumentId.perpetual("BTC", "USDT");
        registry.replaceAll(List.of(new InstrumentDefinition(venue.exchange(), "BTCUSDT", id, "USDT", null, rules,
                true)));
        BinanceOms oms = new BinanceOms(config, registry);
        opened.add(oms);
        return oms;
    }

    private static PlaceOrder limit(BinanceVenue venue, String price, String quantity) {
        return PlaceOrder.newBuilder().setClientOrderId("cid-1").setSymbol("BTCUSDT")
                .setInstrumentId(venue == BinanceVenue.SPOT ? "BTC-USDT" : "BTC-USDT-PERP")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(null)
                .setQuantity(new BigDecimal(quantity)).setPrice(new BigDecimal(price)).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null).build();
    }

    private static ExchangeError error(java.util.concurrent.CompletableFuture<Result<OrderAccepted>> answer)
            throws Exception {
        Result<OrderAccepted> r = answer.get();
        assertThat(r.isOk()).isFalse();
        return r.error();
    }

    @Test
    void shouldRefuseAnOffTickPriceWithoutSendingIt() throws Exception {
        ExchangeError e = error(oms(BinanceVenue.SPOT).place(limit(BinanceVenue.SPOT, "50000.005", "0.01")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(e.code()).isEqualTo("TICK_SIZE");
    }

    @Test
    void shouldRefuseAnOrderBelowTheMinimumNotionalWithoutSendingIt() throws Exception {
        ExchangeError e = error(oms(BinanceVenue.SPOT).place(limit(BinanceVenue.SPOT, "1000", "0.001")));

        assertThat(e.code()).isEqualTo("MIN_NOTIONAL");
    }

    @Test
    void shouldRefuseReduceOnlyOnSpotAsUnsupported() throws Exception {
        PlaceOrder order = limit(BinanceVenue.SPOT, "50000", "0.01");
        order.setReduceOnly(true);

        ExchangeError e = error(oms(BinanceVenue.SPOT).place(order));

        assertThat(e.code()).isEqualTo("UNSUPPORTED");
        assertThat(e.message()).contains("REDUCE_ONLY");
    }

    @Test
    void shouldRefuseATimeInForceThatContradictsTheTypeWithoutSendingIt() throws Exception {
        PlaceOrder order = limit(BinanceVenue.USDM, "50000", "0.01");
        order.setOrderType(OrderType.FILL_OR_KILL);
        order.setTimeInForce(TimeInForce.IOC);

        ExchangeError e = error(oms(BinanceVenue.USDM).place(order));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(e.code()).isEqualTo("TIME_IN_FORCE");
    }

    @Test
    void shouldLetASmallUsdmReduceOnlyOrderThroughTheMinimumNotionalAsBinanceDoes() throws Exception {
        PlaceOrder order = limit(BinanceVenue.USDM, "1000", "0.001");
        order.setReduceOnly(true);

        ExchangeError e = error(oms(BinanceVenue.USDM).place(order));

        assertThat(e.kind()).as("it got as far as sending").isEqualTo(ErrorKind.NETWORK);
    }

    @Test
    void shouldOfferReduceOnlyAndGtdOnUsdmOnlyAndEveryOrderTypeOnBoth() {
        BinanceOms spot = oms(BinanceVenue.SPOT);
        BinanceOms usdm = oms(BinanceVenue.USDM);

        for (OrderType type : java.util.EnumSet.complementOf(java.util.EnumSet.of(OrderType.UNKNOWN))) {
            assertThat(spot.capabilities().supports(Capability.valueOf("ORDER_" + type.name()))).isTrue();
            assertThat(usdm.capabilities().supports(Capability.valueOf("ORDER_" + type.name()))).isTrue();
        }
        assertThat(spot.capabilities().supports(Capability.REDUCE_ONLY)).isFalse();
        assertThat(spot.capabilities().supports(Capability.TIME_IN_FORCE_GTD)).isFalse();
        assertThat(usdm.capabilities().supports(Capability.REDUCE_ONLY)).isTrue();
        assertThat(usdm.capabilities().supports(Capability.TIME_IN_FORCE_GTD)).isTrue();
        assertThat(spot.capabilities().supports(Capability.POSITIONS)).isFalse();
    }

    @Test
    void shouldDeliverAStreamUpdateOnceAndAFurtherFillAgain() {
        BinanceOms oms = oms(BinanceVenue.USDM);
        List<OrderUpdate> delivered = deliveries(oms);
        OrderUpdate partial = update(OrderStatus.PARTIALLY_FILLED, "0.004000000000000000");

        oms.deliver(partial);
        oms.deliver(update(OrderStatus.PARTIALLY_FILLED, "0.004"));
        oms.deliver(update(OrderStatus.PARTIALLY_FILLED, "0.007"));
        oms.deliver(update(OrderStatus.FILLED, "0.01"));
        oms.deliver(update(OrderStatus.FILLED, "0.01"));

        assertThat(delivered).extracting(u -> u.getFilledQuantity().stripTrailingZeros().toPlainString())
                .containsExactly("0.004", "0.007", "0.01");
    }

    @Test
    void shouldNotTakeAFilledOrderBackToNewWhenThePlaceAnswerIsReadAfterTheStream() {
        BinanceOms oms = oms(BinanceVenue.USDM);
        List<OrderUpdate> delivered = deliveries(oms);
        OrderUpdate answerNew = update(OrderStatus.NEW, "0.000");

        oms.deliver(update(OrderStatus.NEW, "0"));
        oms.deliver(update(OrderStatus.FILLED, "0.01"));
        oms.deliver(answerNew);
        oms.deliver(OrderUpdate.newBuilder(update(OrderStatus.NEW, "0")).setSymbol("ETHUSDT").build());

        assertThat(delivered).extracting(u -> u.getSymbol() + " " + u.getStatus())
                .containsExactly("BTCUSDT NEW", "BTCUSDT FILLED", "ETHUSDT NEW");
    }

    @Test
    void shouldDropTheStreamsNewOfAMarketOrderWhoseFilledAnswerCameFirst() {
        BinanceOms oms = oms(BinanceVenue.USDM);
        List<OrderUpdate> delivered = deliveries(oms);

        OrderUpdate answer = update(OrderStatus.FILLED, "0.010"); // order.place's RESULT answer, read first
        OrderUpdate streamFill = OrderUpdate.newBuilder(update(OrderStatus.FILLED, "0.01"))
                .setLastFill(Fill.newBuilder().setTradeId("9001").setPrice(new BigDecimal("50000"))
                        .setQuantity(new BigDecimal("0.01")).setFee(new BigDecimal("0.2")).setFeeAsset("USDT")
                        .setLiquidity(Liquidity.TAKER).setExchangeTime(null).build())
                .build();

        oms.deliver(answer);
        oms.deliver(update(OrderStatus.NEW, "0")); // the stream's ORDER_TRADE_UPDATE events, read after it
        oms.deliver(streamFill);

        assertThat(delivered).containsExactly(answer, streamFill);
    }

    @Test
    void shouldDeliverAUsdmAmendThatKeepsTheOrderNewAtAnotherPrice() {
        BinanceOms oms = oms(BinanceVenue.USDM);
        List<OrderUpdate> delivered = deliveries(oms);

        oms.deliver(update(OrderStatus.NEW, "0"));
        oms.deliver(OrderUpdate.newBuilder(update(OrderStatus.NEW, "0")).setPrice(new BigDecimal("49900")).build());

        assertThat(delivered).extracting(u -> u.getPrice().toPlainString()).containsExactly("50000", "49900");
    }

    /** What {@code oms} delivers to its listener from now on, in order. */
    private static List<OrderUpdate> deliveries(BinanceOms oms) {
        List<OrderUpdate> delivered = new CopyOnWriteArrayList<>();
        oms.useListener(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                delivered.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        });
        return delivered;
    }

    private static OrderUpdate update(OrderStatus status, String filled) {
        return OrderUpdate.newBuilder().setExchange("binance-usdm").setAccount("main").setSymbol("BTCUSDT")
                .setInstrumentId("BTC-USDT-PERP").setClientOrderId("cid-1").setExchangeOrderId("42")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC).setStatus(status)
                .setPrice(new BigDecimal("50000")).setStopPrice(null).setQuantity(new BigDecimal("0.01"))
                .setFilledQuantity(new BigDecimal(filled)).setAveragePrice(null).setLastFill(null).setReason(null)
                .setExchangeTime(null).setReceiveTime(Instant.now()).setSource(EventSource.STREAM).build();
    }

    @Test
    void shouldRefuseAnOrderOverTheOrderRateWithoutSendingIt() {
        OrderRateLimits limits = new OrderRateLimits("binance-spot",
                List.of(new OrderRateLimits.Limit(2, Duration.ofSeconds(10)),
                        new OrderRateLimits.Limit(1000, Duration.ofDays(1))),
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThat(limits.tryAcquire()).isEmpty();
        assertThat(limits.tryAcquire()).isEmpty();
        ExchangeError third = limits.tryAcquire().orElseThrow();

        assertThat(third.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(third.message()).contains("2 per PT10S");
        assertThat(third.retryAfterHint()).hasValue(Duration.ofSeconds(10));
    }

    @Test
    void shouldHoldBinancesDocumentedOrderLimitsPerFamily() {
        OrderRateLimits spot = new OrderRateLimits("binance-spot", BinanceVenue.SPOT.orderRateLimits());
        for (int i = 0; i < 100; i++) {
            assertThat(spot.tryAcquire()).isEmpty();
        }
        assertThat(spot.tryAcquire()).isPresent();
        OrderRateLimits usdm = new OrderRateLimits("binance-usdm", BinanceVenue.USDM.orderRateLimits());
        for (int i = 0; i < 300; i++) {
            assertThat(usdm.tryAcquire()).isEmpty();
        }
        assertThat(usdm.tryAcquire()).isPresent();
    }
}
