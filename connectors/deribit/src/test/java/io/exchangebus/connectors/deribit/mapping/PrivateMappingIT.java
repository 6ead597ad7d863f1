package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.deribit.auth.DeribitAuth;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.auth.DeribitLogin;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.OrderParams.DeribitRequest;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Account;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Changes;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Fills;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Mapped;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Orders;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.connectors.deribit.ws.DeribitRpcSettings;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.deribit.DeribitSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's private notifications (user.orders raw, user.trades raw, user.changes, user.portfolio), received
 * over a real WebSocket with the connector's DeribitRpc, after orders placed with {@link OrderParams} over HTTP:
 * every one maps, and says what happened.
 */
class PrivateMappingIT {

    private static final String ACCOUNT = "trader";
    private static final String LINEAR = "BTC_USDC-PERPETUAL";
    private static final PrivateContext CTX = new PrivateContext(ACCOUNT, null, EventSource.STREAM);

    private final List<Mapped> mapped = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private DeribitSimulator sim;
    private DeribitRpc rpc;
    private DeribitHttpClient http;

    @BeforeEach
    void start() throws Exception {
        sim = DeribitSimulator.builder().seed(7).publishInterval(null).build();
        sim.generator(LINEAR).step();
        ApiKey key = sim.createAccount(ACCOUNT);
        sim.fundDemo(ACCOUNT);
        ApiCredentials credentials = new ApiCredentials(ACCOUNT, key.keyId(), Secret.of(key.secret()));
        DeribitLimits limits = new DeribitLimits(Clock.systemUTC());
        DeribitLogin wsLogin = new DeribitLogin(credentials, DeribitGrantType.CLIENT_CREDENTIALS,
                Optional.of(DeribitAuth.sessionScope("it-pms")), Clock.systemUTC());
        rpc = new DeribitRpc(DeribitRpcSettings.publicOnly("it", sim.wsUri()).withLogin(wsLogin), limits,
                Clock.systemUTC(), new DeribitRpc.Listener() {
                    @Override
                    public void onConnectionEvent(io.exchangebus.connectors.core.connection.ConnectionEvent e) {
                    }
                });
        assertThat(rpc.start().get(10, TimeUnit.SECONDS).isOk()).isTrue();
        Result<List<String>> subscribed = rpc.subscribe(List.of("user.orders.any.any.raw", "user.trades.any.any.raw",
                "user.changes.any.any.raw", "user.portfolio.usdc"), this::onNotification).get(10, TimeUnit.SECONDS);
        assertThat(subscribed.isOk()).as(() -> String.valueOf(subscribed)).isTrue();
        DeribitLogin httpLogin = new DeribitLogin(credentials, DeribitGrantType.CLIENT_CREDENTIALS, Optional.empty(),
                Clock.systemUTC());
        http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(sim.restBaseUri()), limits,
                Duration.ofSeconds(5), httpLogin, (d, t) -> () -> { }, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        http.close();
        rpc.close();
        sim.close();
    }

    private void onNotification(String channel, JsonNode data, String raw, Instant receivedAt) {
        try {
            mapped.add(PrivateMapping.map(channel, data, CTX, receivedAt));
        } catch (UnmappableMessageException e) {
            refused.add(channel + ": " + e.getMessage());
        }
    }

    private void send(Result<DeribitRequest> request) throws Exception {
        DeribitRequest r = request.value();
        Result<JsonNode> answer = http.privateCall(r.method(), DeribitHttpClient.queryOf(r.params()))
                .get(10, TimeUnit.SECONDS);
        assertThat(answer.isOk()).as(() -> String.valueOf(answer)).isTrue();
    }

    private static PlaceOrder.Builder order(String clientId, OrderType type, Side side) {
        return PlaceOrder.newBuilder().setClientOrderId(clientId).setSymbol(LINEAR)
                .setInstrumentId("BTC-USDC-PERP").setSide(side).setOrderType(type).setTimeInForce(null)
                .setQuantity(new BigDecimal("0.01")).setPrice(null).setStopPrice(null).setReduceOnly(false)
                .setGoodTillTime(null);
    }

    private <T extends Mapped> T await(Class<T> type, Predicate<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Mapped m : mapped) {
                if (type.isInstance(m) && condition.test(type.cast(m))) {
                    return type.cast(m);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " as expected; mapped " + mapped + ", refused "
                + refused);
    }

    @Test
    void shouldMapEveryPrivateNotificationOfAPostOnlyOrderAndAMarketFill() throws Exception {
        BigDecimal passive = sim.markPrice(LINEAR).divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN);
        send(OrderParams.place(order("rest-1", OrderType.LIMIT_MAKER, Side.BUY).setPrice(passive).build(),
                Instant.now()));
        send(OrderParams.place(order("take-1", OrderType.MARKET, Side.SELL).build(), Instant.now()));
        sim.publishNow();

        Orders resting = await(Orders.class, o -> o.orders().stream()
                .anyMatch(u -> "rest-1".equals(u.getClientOrderId())));
        OrderUpdate rest = resting.orders().get(0);
        assertThat(rest.getOrderType()).isEqualTo(OrderType.LIMIT_MAKER);
        assertThat(rest.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(rest.getPrice()).isEqualByComparingTo(passive);
        assertThat(rest.getInstrumentId()).isEqualTo("BTC-USDC-PERP");

        Fills fills = await(Fills.class, f -> f.fills().stream().anyMatch(t -> "take-1".equals(t.label())));
        assertThat(fills.fills()).allSatisfy(t -> {
            assertThat(t.side()).isEqualTo(Side.SELL);
            assertThat(t.fill().getFeeAsset()).isEqualTo("USDC");
        });

        Changes changes = await(Changes.class, c -> c.orders().stream()
                .anyMatch(u -> "take-1".equals(u.getClientOrderId()) && u.getStatus() == OrderStatus.FILLED));
        OrderUpdate filled = changes.orders().get(changes.orders().size() - 1);
        assertThat(filled.getLastFill()).isNotNull();
        assertThat(filled.getFilledQuantity()).isEqualByComparingTo("0.01");
        assertThat(changes.positions()).singleElement().satisfies(p -> {
            assertThat(p.update().getInstrumentId()).isEqualTo("BTC-USDC-PERP");
            assertThat(p.update().getQuantity()).isEqualByComparingTo("-0.01");
        });

        Account account = await(Account.class, a -> "USDC".equals(a.account().getMarginAsset()));
        assertThat(account.account().getCurrencies()).singleElement()
                .satisfies(c -> assertThat(c.getCurrency()).isEqualTo("USDC"));
        assertThat(refused).isEmpty();
    }
}
