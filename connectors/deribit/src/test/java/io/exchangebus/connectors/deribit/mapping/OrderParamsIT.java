package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.OrderParams.DeribitRequest;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.deribit.DeribitSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request {@link OrderParams} builds, sent to the Deribit simulator over HTTP, and its answer mapped back with
 * {@link OrderMapping}: what we send is what Deribit takes, and what it answers is what we meant.
 */
class OrderParamsIT {

    private static final String ACCOUNT = "trader";
    private static final String PERP = "BTC-PERPETUAL";
    /** Fills are tested on the linear perpetual: the simulator's inverse fees are not exact at 18 decimals. */
    private static final String LINEAR = "BTC_USDC-PERPETUAL";
    private static final PrivateContext CTX = new PrivateContext(ACCOUNT, null, EventSource.STREAM);

    private DeribitSimulator sim;
    private DeribitHttpClient http;

    @BeforeEach
    void start() {
        sim = DeribitSimulator.builder().seed(7).publishInterval(null).build();
        sim.generator(PERP).step();
        sim.generator(LINEAR).step();
        ApiKey key = sim.createAccount(ACCOUNT);
        sim.fundDemo(ACCOUNT);
        DeribitLogin login = new DeribitLogin(new ApiCredentials(ACCOUNT, key.keyId(), Secret.of(key.secret())),
                DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(), Clock.systemUTC());
        http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(sim.restBaseUri()),
                new DeribitLimits(Clock.systemUTC()), Duration.ofSeconds(5), login, (d, t) -> () -> { },
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        http.close();
        sim.close();
    }

    private Result<JsonNode> send(Result<DeribitRequest> request) throws Exception {
        assertThat(request.isOk()).as(() -> String.valueOf(request)).isTrue();
        DeribitRequest r = request.value();
        return http.privateCall(r.method(), DeribitHttpClient.queryOf(r.params())).get(10, TimeUnit.SECONDS);
    }

    private OrderUpdate placed(PlaceOrder order) throws Exception {
        Result<JsonNode> answer = send(OrderParams.place(order, Instant.now()));
        assertThat(answer.isOk()).as(() -> String.valueOf(answer)).isTrue();
        List<OrderUpdate> updates = OrderMapping.fromOrderResult(answer.value(), CTX, Instant.now());
        return updates.get(updates.size() - 1);
    }

    private static PlaceOrder.Builder order(String id, OrderType type, Side side) {
        return PlaceOrder.newBuilder().setClientOrderId(id).setSymbol(PERP).setInstrumentId("BTC-USD-PERP")
                .setSide(side).setOrderType(type).setTimeInForce(null).setQuantity(new BigDecimal("100"))
                .setPrice(null).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null);
    }

    private BigDecimal mark() {
        return sim.markPrice(PERP);
    }

    private BigDecimal onTick(BigDecimal price) {
        return price.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.DOWN).divide(BigDecimal.valueOf(2));
    }

    @Test
    void shouldPlaceEveryRestingTypeAsMeant() throws Exception {
        BigDecimal low = onTick(mark().multiply(new BigDecimal("0.5")));
        BigDecimal high = onTick(mark().multiply(new BigDecimal("1.5")));

        OrderUpdate limit = placed(order("l-1", OrderType.LIMIT, Side.BUY).setPrice(low).build());
        OrderUpdate maker = placed(order("m-1", OrderType.LIMIT_MAKER, Side.SELL).setPrice(high).build());
        OrderUpdate day = placed(order("d-1", OrderType.LIMIT, Side.BUY).setPrice(low)
                .setTimeInForce(TimeInForce.GTD).setGoodTillTime(OrderParams.sessionEnd(Instant.now())).build());
        OrderUpdate stopLimit = placed(order("sl-1", OrderType.STOP_LIMIT, Side.BUY).setPrice(high)
                .setStopPrice(high).build());
        OrderUpdate stopMarket = placed(order("sm-1", OrderType.STOP_MARKET, Side.SELL).setStopPrice(low)
                .setReduceOnly(false).build());

        assertThat(limit.getOrderType()).isEqualTo(OrderType.LIMIT);
        assertThat(limit.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(limit.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(limit.getClientOrderId()).isEqualTo("l-1");
        assertThat(limit.getPrice()).isEqualByComparingTo(low);
        assertThat(maker.getOrderType()).isEqualTo(OrderType.LIMIT_MAKER);
        assertThat(maker.getSide()).isEqualTo(Side.SELL);
        assertThat(day.getTimeInForce()).isEqualTo(TimeInForce.GTD);
        assertThat(stopLimit.getOrderType()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(stopLimit.getStopPrice()).isEqualByComparingTo(high);
        assertThat(stopLimit.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(stopMarket.getOrderType()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stopMarket.getPrice()).isNull();
        assertThat(stopMarket.getStopPrice()).isEqualByComparingTo(low);
    }

    @Test
    void shouldRejectACrossingPostOnlyOrderRatherThanRepriceIt() throws Exception {
        BigDecimal crossing = onTick(mark().multiply(new BigDecimal("1.5")));

        Result<JsonNode> answer = send(OrderParams.place(order("m-2", OrderType.LIMIT_MAKER, Side.BUY)
                .setPrice(crossing).build(), Instant.now()));

        assertThat(answer.isOk()).isFalse();
        assertThat(answer.error().code()).isEqualTo("11054");
        assertThat(answer.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
    }

    @Test
    void shouldFillOrKillAndImmediateOrCancelAndMarket() throws Exception {
        BigDecimal mark = sim.markPrice(LINEAR);
        BigDecimal low = mark.multiply(new BigDecimal("0.5")).setScale(0, RoundingMode.DOWN);
        BigDecimal high = mark.multiply(new BigDecimal("1.5")).setScale(0, RoundingMode.DOWN);

        OrderUpdate ioc = placed(linear("i-1", OrderType.IMMEDIATE_OR_CANCEL, Side.BUY).setPrice(low).build());
        OrderUpdate fok = placed(linear("f-1", OrderType.FILL_OR_KILL, Side.BUY).setPrice(high).build());
        OrderUpdate market = placed(linear("k-1", OrderType.MARKET, Side.SELL).build());

        assertThat(ioc.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(ioc.getTimeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(fok.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(fok.getTimeInForce()).isEqualTo(TimeInForce.FOK);
        assertThat(fok.getLastFill()).isNotNull();
        assertThat(market.getOrderType()).isEqualTo(OrderType.MARKET);
        assertThat(market.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(market.getFilledQuantity()).isEqualByComparingTo("0.01");
    }

    private static PlaceOrder.Builder linear(String id, OrderType type, Side side) {
        return order(id, type, side).setSymbol(LINEAR).setInstrumentId("BTC-USDC-PERP")
                .setQuantity(new BigDecimal("0.01"));
    }

    @Test
    void shouldEditThenCancelByIdByLabelAndAll() throws Exception {
        BigDecimal low = onTick(mark().multiply(new BigDecimal("0.5")));
        OrderUpdate maker = placed(order("e-1", OrderType.LIMIT_MAKER, Side.BUY).setPrice(low).build());
        placed(order("e-2", OrderType.LIMIT, Side.BUY).setPrice(low).build());
        placed(order("e-3", OrderType.LIMIT, Side.BUY).setPrice(low).build());

        Result<JsonNode> edited = send(OrderParams.edit(maker, new BigDecimal("200"), low.subtract(BigDecimal.ONE)));
        OrderUpdate after = OrderMapping.fromOrderResult(edited.value(), CTX, Instant.now()).get(0);
        assertThat(after.getExchangeOrderId()).isEqualTo(maker.getExchangeOrderId());
        assertThat(after.getQuantity()).isEqualByComparingTo("200");
        assertThat(after.getPrice()).isEqualByComparingTo(low.subtract(BigDecimal.ONE));
        assertThat(after.getOrderType()).isEqualTo(OrderType.LIMIT_MAKER);

        Result<JsonNode> byId = send(OrderParams.cancel(CancelOrder.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").setClientOrderId("e-1")
                .setExchangeOrderId(maker.getExchangeOrderId()).build()));
        assertThat(OrderMapping.fromOrderResult(byId.value(), CTX, Instant.now()).get(0).getStatus())
                .isEqualTo(OrderStatus.CANCELED);
        Result<JsonNode> byLabel = send(OrderParams.cancel(CancelOrder.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").setClientOrderId("e-2").setExchangeOrderId(null).build()));
        assertThat(byLabel.value().asInt()).isEqualTo(1);
        Result<JsonNode> all = send(OrderParams.cancelAll(CancelAll.newBuilder().setSymbol(PERP)
                .setInstrumentId("BTC-USD-PERP").build()));
        assertThat(all.value().asInt()).isEqualTo(1);
    }
}
