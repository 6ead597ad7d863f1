package io.exchangebus.connectors.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentList;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a connector that implements only the required methods gets from the SPI's defaults. */
class ExchangeConnectorDefaultsTest {
    static final TradingRules RULES = new TradingRules(new BigDecimal("0.5"), new BigDecimal("0.1"),
            new BigDecimal("0.1"), null, null, BigDecimal.ONE);

    private final MinimalConnector connector = new MinimalConnector("stub-one");
    private final ConnectorSettings settings = ConnectorSettings.production("stub-one");
    private final InstrumentRegistry registry = new InstrumentRegistry("stub-one");

    @Test
    void shouldGiveThePublicSubscriberToAnAccountByDefault() {
        AccountSettings account = new AccountSettings("main", "hmac", SecretRef.parse("env:NO_SUCH_KEY"),
                SecretRef.parse("env:NO_SUCH_SECRET"));

        assertThat(connector.subscriber(settings, account, registry)).isSameAs(connector.publicSubscriber);
    }

    @Test
    void shouldCheckTheAccountGivenToTheSubscriberReadingNoSecret() {
        AccountSettings rsa = new AccountSettings("main", "rsa", SecretRef.parse("env:NO_SUCH_KEY"),
                SecretRef.parse("env:NO_SUCH_SECRET"));

        assertThatThrownBy(() -> connector.subscriber(settings, rsa, registry))
                .isInstanceOf(ConnectorConfigException.class).hasMessageContaining("account.main.key-type");
    }

    @Test
    void shouldHaveNoOfflineNormalizerNorSymbolReadingByDefault() {
        assertThat(connector.offlineNormalizer(new OfflineNormalizer.Options("unknown", null))).isEmpty();
        assertThat(connector.instrumentIdOf("BTCUSDT")).isEmpty();
    }

    @Test
    void shouldListTheFetchedInstrumentsWithNothingSkippedByDefault() {
        InstrumentDefinition perp = perp("stub-one", "BTC-PERP", "BTC");
        connector.next = Result.ok(List.of(perp));

        Result<InstrumentList> list = connector.instrumentList(settings).join();

        assertThat(list.value().instruments()).containsExactly(perp);
        assertThat(list.value().skipped()).isEmpty();
    }

    @Test
    void shouldKeepEitherEventsOrARefusalInANormalizedMessage() {
        assertThat(OfflineNormalizer.Normalized.of(List.of(), "nothing").refusal()).isEqualTo("nothing");
        assertThat(OfflineNormalizer.Normalized.refused("why").isRefused()).isTrue();
        assertThatThrownBy(() -> new OfflineNormalizer.Normalized(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static InstrumentDefinition perp(String exchange, String symbol, String base) {
        return new InstrumentDefinition(exchange, symbol, InstrumentId.perpetual(base, "USD"), "USD", null, RULES,
                true);
    }

    /**
     * Only what the SPI requires: the stub's schema, instruments from {@link #next}, and a public subscriber that
     * does nothing. {@link #withSkips} stands in for a connector that reports what it could not map.
     */
    static final class MinimalConnector implements ExchangeConnector {
        final Subscriber publicSubscriber = (Subscriber) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Subscriber.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        private final String exchange;
        volatile Result<List<InstrumentDefinition>> next = Result.ok(List.of());
        volatile RuntimeException failure;
        /** When set, the instrument list with what the exchange could not map, instead of {@link #next}. */
        volatile Result<InstrumentList> withSkips;

        MinimalConnector(String exchange) {
            this.exchange = exchange;
        }

        @Override
        public String exchange() {
            return exchange;
        }

        @Override
        public ConnectorSchema schema() {
            return new StubConnectorProvider().connectors().stream().filter(c -> c.exchange().equals(exchange))
                    .findFirst().orElseThrow().schema();
        }

        @Override
        public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.completedFuture(next);
        }

        @Override
        public CompletableFuture<Result<InstrumentList>> instrumentList(ConnectorSettings settings) {
            return withSkips != null ? CompletableFuture.completedFuture(withSkips)
                    : ExchangeConnector.super.instrumentList(settings);
        }

        @Override
        public Subscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
            return publicSubscriber;
        }

        @Override
        public Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Pms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                       InstrumentRegistry instruments) {
            throw new UnsupportedOperationException();
        }
    }

}
