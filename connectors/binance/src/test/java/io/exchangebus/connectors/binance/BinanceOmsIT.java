package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.http.LocalRefusal;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.OrderHistoryQuery;
import io.exchangebus.connectors.core.role.Page;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Binance OMS and DataFetcher against the Binance simulator: keys, clocks, limits, replace, cancel-all, history. */
class BinanceOmsIT {

    private static final String ED25519_KEY = "ed25519-it-key";
    /** The request timeout of the tests of unanswered requests, and how much longer than it they may take. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ABOUT = Duration.ofSeconds(3);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private BinanceSimulatorProbe probe;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private BinanceSimulatorProbe start(BinanceVenue venue) {
        probe = BinanceSimulatorProbe.start(venue);
        opened.add(probe);
        return probe;
    }

    private BinanceOms connect(BinanceConfig config) throws Exception {
        BinanceOms oms = new BinanceOms(config, probe.instruments());
        Result<Void> connected = connect(oms);
        assertThat(connected.isOk()).as("connected: %s", connected).isTrue();
        return oms;
    }

    private Result<Void> connect(BinanceOms oms) throws Exception {
        opened.add(oms);
        return oms.connect(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        }).get(15, TimeUnit.SECONDS);
    }

    /** A fresh Ed25519 key registered for the probe's account at the simulator, and its signer. */
    private BinanceSigner ed25519Signer() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        probe.simulator().addEd25519Key(BinanceSimulatorProbe.ACCOUNT, ED25519_KEY, pair.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return BinanceSigner.of(new ApiCredentials(BinanceSimulatorProbe.ACCOUNT, ED25519_KEY, Secret.of(pem)),
                BinanceKeyType.ED25519);
    }

    /** The error {@code connect} failed with, checked to be a retryable timeout that names only the method. */
    private static ExchangeError timeoutNaming(String method, Result<Void> connected, BinanceSigner signer) {
        assertThat(connected.isOk()).as("connected: %s", connected).isFalse();
        ExchangeError error = connected.error();
        assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(error.retryable()).isTrue();
        assertThat(error.message()).startsWith(method + ": no answer within 500 ms");
        // the method's name only: no key, no parameter such as the signature, nothing of the secret
        assertThat(error.toString()).doesNotContain(signer.apiKey()).doesNotContainPattern("signature(=|\"\\s*:)")
                .doesNotContain("PRIVATE KEY");
        return error;
    }

    private BinanceDataFetcher fetcher(BinanceConfig config) {
        BinanceDataFetcher fetcher = new BinanceDataFetcher(config);
        opened.add(fetcher);
        return fetcher;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }

    /** A resting limit buy {@code ticksBelow} ticks under the probe's passive price, worth twice the minimum notional. */
    private PlaceOrder passiveBuy(int ticksBelow) {
        InstrumentDefinition instrument = probe.instrument();
        BigDecimal tick = instrument.rules().tickSize();
        BigDecimal price = probe.passiveBuyPrice().subtract(tick.multiply(BigDecimal.valueOf(ticksBelow)));
        BigDecimal quantity = instrument.rules().minQuantity();
        BigDecimal minNotional = instrument.rules().minNotional();
        if (minNotional != null) {
            BigDecimal wanted = minNotional.multiply(BigDecimal.valueOf(2)).divide(price, 18, RoundingMode.UP);
            BigDecimal lot = instrument.rules().lotSize();
            wanted = wanted.divide(lot, 0, RoundingMode.UP).multiply(lot);
            quantity = quantity.max(wanted);
        }
        return PlaceOrder.newBuilder()
                .setClientOrderId("it" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(instrument.symbol()).setInstrumentId(instrument.id().toString())
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(quantity).setPrice(price).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null)
                .build();
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldPlaceWithAnEd25519KeyOverALoggedOnSession(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceOms oms = connect(probe.config().signer(ed25519Signer()).build());
        PlaceOrder order = passiveBuy(0);

        Result<OrderAccepted> accepted = await(oms.place(order));
        Result<Optional<OrderUpdate>> found = await(oms.findOrder(order.getSymbol(), order.getClientOrderId()));

        assertThat(accepted.isOk()).as("accepted: %s", accepted).isTrue();
        assertThat(accepted.value().status()).isEqualTo(OrderStatus.NEW);
        assertThat(oms.wsApi().sessionLoggedOn()).isTrue();
        assertThat(found.value()).hasValueSatisfying(u -> assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW));
        assertThat(probe.clientOrderIdsReceived()).containsExactly(order.getClientOrderId());
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldFailConnectWithinTheRequestTimeoutNamingSessionLogonWhenTheLogonIsNeverAnswered(BinanceVenue venue)
            throws Exception {
        start(venue);
        BinanceSigner signer = ed25519Signer();
        probe.simulator().faults().withholdAnswersTo("session.logon");
        BinanceOms oms = new BinanceOms(probe.config().signer(signer).requestTimeout(REQUEST_TIMEOUT).build(),
                probe.instruments());

        long began = System.nanoTime();
        Result<Void> connected = connect(oms);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        timeoutNaming("session.logon", connected, signer);
        assertThat(took).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.plus(ABOUT));
        assertThat(oms.wsApi()).as("nothing left reconnecting behind the error").isNull();
    }

    @ParameterizedTest
    @EnumSource(BinanceKeyType.class)
    void shouldFailSpotConnectWithinTheRequestTimeoutNamingTheUserDataSubscriptionWhenItIsNeverAnswered(
            BinanceKeyType keyType) throws Exception {
        start(BinanceVenue.SPOT);
        BinanceSigner signer = keyType == BinanceKeyType.ED25519 ? ed25519Signer() : probe.signer();
        // with a logged-on (Ed25519) session the subscription needs no signature; otherwise it is signed
        String method = keyType == BinanceKeyType.ED25519 ? "userDataStream.subscribe"
                : "userDataStream.subscribe.signature";
        probe.simulator().faults().withholdAnswersTo(method);
        BinanceOms oms = new BinanceOms(probe.config().signer(signer).requestTimeout(REQUEST_TIMEOUT).build(),
                probe.instruments());

        long began = System.nanoTime();
        Result<Void> connected = connect(oms);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        timeoutNaming(method, connected, signer);
        assertThat(took).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.plus(ABOUT));
        assertThat(oms.wsApi()).as("nothing left reconnecting behind the error").isNull();
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldFailAnOrderWithinTheRequestTimeoutNamingOrderPlaceWhenItsAnswerNeverComes(BinanceVenue venue)
            throws Exception {
        start(venue);
        BinanceOms oms = connect(probe.config().requestTimeout(REQUEST_TIMEOUT).build());
        probe.simulator().faults().withholdAnswersTo("order.place");
        PlaceOrder order = passiveBuy(0);

        long began = System.nanoTime();
        Result<OrderAccepted> accepted = await(oms.place(order));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(accepted.isOk()).as("accepted: %s", accepted).isFalse();
        assertThat(accepted.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(accepted.error().retryable()).isTrue();
        assertThat(accepted.error().message()).startsWith("order.place: no answer within 500 ms");
        assertThat(took).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.plus(ABOUT));
        assertThat(probe.clientOrderIdsReceived()).as("the exchange has it: its outcome is unknown, not failed")
                .containsExactly(order.getClientOrderId());
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldPlaceWithAnHmacKeySigningEachRequest(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceOms oms = connect(probe.config().build());
        PlaceOrder order = passiveBuy(0);

        Result<OrderAccepted> accepted = await(oms.place(order));

        assertThat(accepted.isOk()).as("accepted: %s", accepted).isTrue();
        assertThat(accepted.value().exchangeOrderId()).isNotBlank();
        assertThat(oms.wsApi().sessionLoggedOn()).isFalse();
        assertThat(updates).anySatisfy(u -> {
            assertThat(u.getClientOrderId()).isEqualTo(order.getClientOrderId());
            assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(u.getExchangeOrderId()).isEqualTo(accepted.value().exchangeOrderId());
            assertThat(u.getPrice()).isEqualByComparingTo(order.getPrice());
        });
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldSignValidRequestsWithALocalClockFiveSecondsAheadOrSeventySecondsBehind(BinanceVenue venue)
            throws Exception {
        start(venue);
        for (Duration skew : List.of(Duration.ofSeconds(5), Duration.ofSeconds(-70))) {
            BinanceConfig config = probe.config().localClock(Clock.offset(Clock.systemUTC(), skew)).build();
            BinanceOms oms = connect(config);
            BinanceDataFetcher fetcher = fetcher(config);
            PlaceOrder order = passiveBuy(0);

            Result<OrderAccepted> accepted = await(oms.place(order));
            Result<List<BalanceUpdate>> balances = await(fetcher.balances());
            Result<List<OrderUpdate>> open = await(fetcher.openOrders(Optional.of(probe.instrument().id())));

            assertThat(accepted.isOk()).as("skew %s: %s", skew, accepted).isTrue();
            assertThat(balances.isOk()).as("skew %s: %s", skew, balances).isTrue();
            assertThat(open.value()).extracting(OrderUpdate::getClientOrderId).contains(order.getClientOrderId());
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldReplaceAnOpenOrderWithANewPrice(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceOms oms = connect(probe.config().build());
        PlaceOrder order = passiveBuy(0);
        assertThat(await(oms.place(order)).isOk()).isTrue();
        BigDecimal newPrice = order.getPrice().subtract(probe.instrument().rules().tickSize());
        String newId = "it-new-" + UUID.randomUUID().toString().substring(0, 8);

        Result<OrderAccepted> replaced = await(oms.replace(ReplaceOrder.newBuilder().setSymbol(order.getSymbol())
                .setInstrumentId(order.getInstrumentId()).setClientOrderId(order.getClientOrderId())
                .setNewClientOrderId(newId).setPrice(newPrice).setQuantity(null).build()));

        assertThat(replaced.isOk()).as("replaced: %s", replaced).isTrue();
        assertThat(replaced.value().status()).isEqualTo(OrderStatus.NEW);
        if (venue == BinanceVenue.SPOT) {
            // cancel-replace: a new order under the new client order id, the old one canceled
            assertThat(replaced.value().clientOrderId()).isEqualTo(newId);
            assertThat(await(oms.findOrder(order.getSymbol(), order.getClientOrderId())).value())
                    .hasValueSatisfying(u -> assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED));
            assertThat(updates).anySatisfy(u -> {
                assertThat(u.getClientOrderId()).isEqualTo(order.getClientOrderId());
                assertThat(u.getStatus()).isEqualTo(OrderStatus.CANCELED);
            });
        } else {
            // modify: the same order, which keeps its client order id
            assertThat(replaced.value().clientOrderId()).isEqualTo(order.getClientOrderId());
        }
        Optional<OrderUpdate> now = await(oms.findOrder(order.getSymbol(), replaced.value().clientOrderId())).value();
        assertThat(now).hasValueSatisfying(u -> {
            assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(u.getPrice()).isEqualByComparingTo(newPrice);
            assertThat(u.getQuantity()).isEqualByComparingTo(order.getQuantity());
        });
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldCancelEveryOpenOrderOnOneSymbolAndOnAll(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceConfig config = probe.config().build();
        BinanceOms oms = connect(config);
        BinanceDataFetcher fetcher = fetcher(config);
        for (int i = 0; i < 3; i++) {
            assertThat(await(oms.place(passiveBuy(i))).isOk()).isTrue();
        }

        Result<Integer> onSymbol = await(oms.cancelAll(CancelAll.newBuilder().setSymbol(probe.instrument().symbol())
                .setInstrumentId(probe.instrument().id().toString()).build()));

        assertThat(onSymbol.value()).isEqualTo(3);
        assertThat(await(fetcher.openOrders(Optional.empty())).value()).isEmpty();
        for (int i = 0; i < 2; i++) {
            assertThat(await(oms.place(passiveBuy(i))).isOk()).isTrue();
        }
        Result<Integer> everywhere = await(oms.cancelAll(CancelAll.newBuilder().setSymbol(null)
                .setInstrumentId(null).build()));
        assertThat(everywhere.value()).isEqualTo(2);
        assertThat(await(fetcher.openOrders(Optional.empty())).value()).isEmpty();
        Result<Integer> nothingLeft = await(oms.cancelAll(CancelAll.newBuilder().setSymbol(probe.instrument().symbol())
                .setInstrumentId(probe.instrument().id().toString()).build()));
        assertThat(nothingLeft.value()).isZero();
        if (venue == BinanceVenue.SPOT) {
            assertThat(updates.stream().filter(u -> u.getStatus() == OrderStatus.CANCELED)).hasSize(5);
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldReturnEveryOrderOfTheHistoryExactlyOnceAcrossPages(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceConfig config = probe.config().build();
        BinanceOms oms = connect(config);
        BinanceDataFetcher fetcher = fetcher(config);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PlaceOrder order = passiveBuy(i);
            OrderAccepted accepted = await(oms.place(order)).value();
            placed.add(accepted.exchangeOrderId());
            if (i % 3 == 0) {
                assertThat(await(oms.cancel(CancelOrder.newBuilder().setSymbol(order.getSymbol())
                        .setInstrumentId(order.getInstrumentId()).setClientOrderId(order.getClientOrderId())
                        .setExchangeOrderId(null).build())).isOk()).isTrue();
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<OrderUpdate> page = await(fetcher.orderHistory(new OrderHistoryQuery(probe.instrument().id(), null,
                    null, 3, cursor))).value();
            page.items().forEach(u -> seen.add(u.getExchangeOrderId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).doesNotHaveDuplicates().containsAll(placed);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldBackOffAfterA429UntilItsHintHasPassed(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceDataFetcher fetcher = fetcher(probe.config().build());
        assertThat(await(fetcher.balances()).isOk()).isTrue();
        probe.simulator().faults().answerRateLimited(429, Duration.ofSeconds(1), 1);

        ExchangeError limited = await(fetcher.balances()).error();
        ExchangeError held = await(fetcher.balances()).error();

        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(held.code()).isEqualTo(LocalRefusal.BACKING_OFF);
        Thread.sleep(1100);
        assertThat(await(fetcher.balances()).isOk()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldSendNothingDuringA418BanUntilItsRetryAfterHasPassed(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceDataFetcher fetcher = fetcher(probe.config().build());
        assertThat(await(fetcher.balances()).isOk()).isTrue();
        // two banning answers armed: the second is still armed after the ban only if no request reached the
        // simulator while we were banned
        probe.simulator().faults().answerRateLimited(418, Duration.ofSeconds(2), 2);

        ExchangeError banned = await(fetcher.balances()).error();
        List<ExchangeError> duringBan = new ArrayList<>();
        duringBan.add(await(fetcher.balances()).error());
        duringBan.add(await(fetcher.account()).error());
        duringBan.add(await(fetcher.openOrders(Optional.empty())).error());
        duringBan.add(await(fetcher.instruments()).error());

        assertThat(banned.httpStatus()).isEqualTo(418);
        assertThat(banned.retryAfterHint()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(duringBan).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.code()).isEqualTo(LocalRefusal.BANNED);
        });
        Thread.sleep(2100);
        ExchangeError secondArmed = await(fetcher.balances()).error();
        assertThat(secondArmed.httpStatus()).as("the second armed 418 was still unused").isEqualTo(418);
        Thread.sleep(2100);
        assertThat(await(fetcher.balances()).isOk()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldStopPlacingOrdersDuringAWebSocketApi418Ban(BinanceVenue venue) throws Exception {
        start(venue);
        BinanceOms oms = connect(probe.config().build());
        probe.simulator().faults().answerRateLimited(418, Duration.ofSeconds(2), 2);

        ExchangeError banned = await(oms.place(passiveBuy(0))).error();
        ExchangeError held = await(oms.place(passiveBuy(1))).error();

        assertThat(banned.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(banned.httpStatus()).isEqualTo(418);
        assertThat(held.code()).isEqualTo(LocalRefusal.BANNED);
        assertThat(probe.clientOrderIdsReceived()).isEmpty();
        Thread.sleep(2100);
        assertThat(await(oms.place(passiveBuy(2))).error().httpStatus())
                .as("the second armed 418 was still unused: nothing was sent during the ban").isEqualTo(418);
        Thread.sleep(2100);
        assertThat(await(oms.place(passiveBuy(3))).isOk()).isTrue();
    }

    /** A local clock whose offset from the system clock a test moves. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void move(Duration to) {
            offset = to;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldResyncTheClockAndRetryOnceWhenARequestIsRefusedWith1021(BinanceVenue venue) throws Exception {
        start(venue);
        MovableClock clock = new MovableClock();
        BinanceConfig config = probe.config().localClock(clock).build();
        BinanceOms oms = connect(config);
        BinanceDataFetcher fetcher = fetcher(config);
        assertThat(await(fetcher.balances()).isOk()).isTrue();
        // the local clock jumps after the sync: the next timestamps are 90 s off until the offset is measured again
        clock.move(Duration.ofSeconds(-90));
        PlaceOrder order = passiveBuy(0);

        Result<OrderAccepted> accepted = await(oms.place(order));
        Result<List<BalanceUpdate>> balances = await(fetcher.balances());

        assertThat(accepted.isOk()).as("accepted after one resync: %s", accepted).isTrue();
        assertThat(balances.isOk()).as("balances after one resync: %s", balances).isTrue();
        assertThat(probe.clientOrderIdsReceived()).as("placed exactly once").containsExactly(order.getClientOrderId());
    }
}
