package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.testing.BinanceSimulatorProbe;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.InstrumentRefresher;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.events.Trade;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four Binance roles built the way services build them: by exchange id through {@link ExchangeConnectors}, from
 * CUSTOM endpoints pointing at a running Binance simulator and an account whose secret is read from a file.
 */
class BinanceConnectorIT {

    private static final String ACCOUNT = "spi-it";

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<BookUpdate> books = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldBuildFourWorkingRolesFromConfigurationAlone(BinanceVenue venue) throws Exception {
        BinanceSimulator sim = started(venue).simulator();
        ApiKey key = sim.createAccount(ACCOUNT);
        String symbol = sim.symbols().get(0).symbol();
        String quote = sim.symbols().get(0).quoteAsset();
        sim.deposit(ACCOUNT, quote, "1000000");
        ExchangeConnector connector = ExchangeConnectors.load().require(venue.exchange());
        ConnectorSettings settings = settingsOf(venue, sim).withSetting("recv-window", "10s");
        AccountSettings account = account("hmac", key.keyId(), key.secret());

        InstrumentRegistry instruments = new InstrumentRegistry(venue.exchange());
        instruments.replaceAll(ok(connector.instruments(settings)));
        InstrumentDefinition instrument = instruments.bySymbol(symbol).orElseThrow();

        DataFetcher fetcher = opened(connector.dataFetcher(settings, account, instruments));
        List<BalanceUpdate> balances = ok(fetcher.balances());
        assertThat(balances).anySatisfy(b -> {
            assertThat(b.getAsset()).isEqualTo(quote);
            assertThat(b.getFree()).isEqualByComparingTo("1000000");
        });

        Subscriber subscriber = opened(connector.subscriber(settings, instruments));
        ok(subscriber.connect(new Books()));
        Subscription subscription = ok(subscriber.subscribeOrderBook(instrument.id(), 0, null));
        awaitUntil("a book update of " + symbol, () -> books.stream().anyMatch(b -> b.getSymbol().equals(symbol)));
        assertThat(subscription.instrument()).isEqualTo(instrument.id());

        Pms pms = opened(connector.pms(settings, account, instruments));
        ok(pms.connect(new AccountEvents()));

        Oms oms = opened(connector.oms(settings, account, instruments));
        ok(oms.connect(new Orders()));
        PlaceOrder order = passiveBuy(instrument, passivePrice(sim, instrument));
        OrderAccepted accepted = ok(oms.place(order));

        assertThat(accepted.clientOrderId()).isEqualTo(order.getClientOrderId());
        assertThat(accepted.status()).isEqualTo(OrderStatus.NEW);
        assertThat(ok(fetcher.openOrders(Optional.of(instrument.id()))))
                .anySatisfy(o -> assertThat(o.getClientOrderId()).isEqualTo(order.getClientOrderId()));
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldPlaceWithAnEd25519AccountFromConfiguration(BinanceVenue venue) throws Exception {
        BinanceSimulator sim = started(venue).simulator();
        sim.createAccount(ACCOUNT);
        sim.deposit(ACCOUNT, sim.symbols().get(0).quoteAsset(), "1000000");
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        sim.addEd25519Key(ACCOUNT, "spi-ed25519-key", pair.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ExchangeConnector connector = ExchangeConnectors.load().require(venue.exchange());
        ConnectorSettings settings = settingsOf(venue, sim);

        Oms oms = opened(connector.oms(settings, account("ed25519", "spi-ed25519-key", pem)));
        ok(oms.connect(new Orders()));
        InstrumentRegistry instruments = new InstrumentRegistry(venue.exchange());
        instruments.replaceAll(ok(connector.instruments(settings)));
        InstrumentDefinition instrument = instruments.bySymbol(sim.symbols().get(0).symbol()).orElseThrow();
        PlaceOrder order = passiveBuy(instrument, passivePrice(sim, instrument));

        assertThat(ok(oms.place(order)).status()).isEqualTo(OrderStatus.NEW);
    }

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldRefreshTheInstrumentsOfARunningServiceAndRefuseOrdersOnOnesNoLongerListed(BinanceVenue venue)
            throws Exception {
        boolean spot = venue == BinanceVenue.SPOT;
        BinanceSimulator sim = opened(BinanceSimulatorProbe.start(venue, b -> b
                .symbol(spot ? BinanceSymbol.spotBtcUsdt() : BinanceSymbol.usdmBtcUsdt())
                .symbol(spot ? BinanceSymbol.spotEthUsdt() : BinanceSymbol.usdmEthUsdt()))).simulator();
        ApiKey key = sim.createAccount(ACCOUNT);
        sim.deposit(ACCOUNT, "USDT", "1000000");
        ExchangeConnector connector = ExchangeConnectors.load().require(venue.exchange());
        ConnectorSettings settings = settingsOf(venue, sim);
        InstrumentRegistry instruments = new InstrumentRegistry(venue.exchange());
        String eth = sim.symbols().get(1).symbol();

        try (InstrumentRefresher refresher = new InstrumentRefresher(connector, settings, instruments)) {
            InstrumentList list = ok(connector.instrumentList(settings));
            InstrumentRegistry.Refresh first = ok(refresher.refreshNow());
            assertThat(list.skipped()).isEmpty();
            assertThat(first.listed()).isEqualTo(2).isEqualTo(list.instruments().size());
            assertThat(first.skipped()).isEmpty();
            InstrumentDefinition ethInstrument = instruments.bySymbol(eth).orElseThrow();
            Oms oms = opened(connector.oms(settings, account("hmac", key.keyId(), key.secret()), instruments));
            ok(oms.connect(new Orders()));

            sim.delist(eth);
            InstrumentRegistry.Refresh second = ok(refresher.refreshNow());

            assertThat(second.delisted()).containsExactly(ethInstrument);
            assertThat(second.listed()).isEqualTo(1);
            assertThat(refresher.skipped()).isZero();
            Result<OrderAccepted> refused = oms.place(passiveBuy(ethInstrument,
                    ethInstrument.rules().tickSize().multiply(BigDecimal.valueOf(10_000)))).get(10, TimeUnit.SECONDS);
            assertThat(refused.isOk()).isFalse();
            assertThat(refused.error().code()).isEqualTo("UNKNOWN_INSTRUMENT");
            assertThat(refused.error().message()).contains(eth).contains("no longer listed");
            assertThat(sim.simulator().receivedOrders()).as("nothing sent").isEmpty();
        }
    }

    private BinanceSimulatorProbe started(BinanceVenue venue) {
        return opened(BinanceSimulatorProbe.start(venue));
    }

    private static ConnectorSettings settingsOf(BinanceVenue venue, BinanceSimulator sim) {
        return ConnectorSettings.custom(venue.exchange(), Map.of(
                "rest-url", sim.restBaseUri(), "stream-url", sim.streamBaseUri(), "ws-api-url", sim.wsApiUri()));
    }

    /** An account whose key and secret are in files, as a Kubernetes secret would give them. */
    private AccountSettings account(String keyType, String apiKey, String secret) throws Exception {
        Path keyFile = Files.writeString(dir.resolve(keyType + ".key"), apiKey + "\n");
        Path secretFile = Files.writeString(dir.resolve(keyType + ".secret"), secret);
        return new AccountSettings(ACCOUNT, keyType, SecretRef.parse("file:" + keyFile),
                SecretRef.parse("file:" + secretFile));
    }

    /** Half the simulator's starting mid, on the tick: far below where the market trades during the test. */
    private static BigDecimal passivePrice(BinanceSimulator sim, InstrumentDefinition instrument) {
        BigDecimal tick = instrument.rules().tickSize();
        BigDecimal half = sim.symbols().get(0).startMid()
                .divide(BigDecimal.valueOf(2), tick.scale(), RoundingMode.DOWN);
        return half.divide(tick, 0, RoundingMode.DOWN).multiply(tick);
    }

    /** A resting limit buy at {@code price} worth twice the minimum notional. */
    private static PlaceOrder passiveBuy(InstrumentDefinition instrument, BigDecimal price) {
        BigDecimal quantity = instrument.rules().minQuantity();
        BigDecimal minNotional = instrument.rules().minNotional();
        if (minNotional != null) {
            BigDecimal lot = instrument.rules().lotSize();
            BigDecimal wanted = minNotional.multiply(BigDecimal.valueOf(2)).divide(price, 18, RoundingMode.UP);
            quantity = quantity.max(wanted.divide(lot, 0, RoundingMode.UP).multiply(lot));
        }
        return PlaceOrder.newBuilder()
                .setClientOrderId("spi" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(instrument.symbol()).setInstrumentId(instrument.id().toString())
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(quantity).setPrice(price).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null)
                .build();
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static <T> T ok(CompletableFuture<Result<T>> future) throws Exception {
        Result<T> result = future.get(10, TimeUnit.SECONDS);
        assertThat(result.isOk()).as("%s", result).isTrue();
        return result.value();
    }

    private static void awaitUntil(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private final class Books implements Subscriber.Listener {
        @Override
        public void onBookUpdate(BookUpdate update) {
            books.add(update);
        }

        @Override
        public void onTrade(Trade trade) {
        }

        @Override
        public void onMalformedFrame(MalformedFrame frame) {
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
        }
    }

    private static final class AccountEvents implements Pms.Listener {
        @Override
        public void onPosition(PositionUpdate position) {
        }

        @Override
        public void onBalance(BalanceUpdate balance) {
        }

        @Override
        public void onAccount(AccountUpdate account) {
        }

        @Override
        public void onMalformedFrame(MalformedFrame frame) {
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
        }
    }

    private static final class Orders implements Oms.Listener {
        @Override
        public void onOrderUpdate(OrderUpdate update) {
        }

        @Override
        public void onMalformedFrame(MalformedFrame frame) {
        }

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
        }
    }
}
