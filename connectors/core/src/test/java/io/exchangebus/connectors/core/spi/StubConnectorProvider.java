package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A provider of two stub exchanges, {@code stub-one} and {@code stub-two}, listed in this module's test
 * {@code META-INF/services} (kept out of the test jar) so that {@link ExchangeConnectors#load()} has something to find.
 * They check settings and build no roles.
 */
public final class StubConnectorProvider implements ExchangeConnectorProvider {

    @Override
    public List<ExchangeConnector> connectors() {
        return List.of(new StubConnector("stub-one"), new StubConnector("stub-two"));
    }

    /**
     * Understands endpoint {@code url}, setting {@code timeout} (a duration) and account setting
     * {@code sub-account-id}; builds no roles.
     */
    static final class StubConnector implements ExchangeConnector {
        private final String exchange;

        StubConnector(String exchange) {
            this.exchange = exchange;
        }

        @Override
        public String exchange() {
            return exchange;
        }

        @Override
        public ConnectorSchema schema() {
            return new ConnectorSchema(exchange, List.of(Environment.PRODUCTION),
                    List.of(new EndpointSpec("url", Set.of("https"),
                            Map.of(Environment.PRODUCTION, URI.create("https://" + exchange + ".example")),
                            "the stub's only endpoint")),
                    List.of(SettingKey.duration("timeout", Duration.ofSeconds(5), "how long to wait")),
                    List.of(SettingKey.text("sub-account-id", null, "the account's sub-account")),
                    List.of(new KeyTypeSpec("hmac", "an HMAC secret")));
        }

        @Override
        public CompletableFuture<Result<List<InstrumentDefinition>>> instruments(ConnectorSettings settings) {
            validate(settings);
            return CompletableFuture.completedFuture(Result.ok(List.of()));
        }

        @Override
        public Subscriber subscriber(ConnectorSettings settings, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException("stub connector builds no roles");
        }

        @Override
        public Oms oms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException("stub connector builds no roles");
        }

        @Override
        public Pms pms(ConnectorSettings settings, AccountSettings account, InstrumentRegistry instruments) {
            throw new UnsupportedOperationException("stub connector builds no roles");
        }

        @Override
        public DataFetcher dataFetcher(ConnectorSettings settings, AccountSettings account,
                                       InstrumentRegistry instruments) {
            throw new UnsupportedOperationException("stub connector builds no roles");
        }
    }
}
