package io.exchangebus.connectors.core.spi;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.role.Subscriber;
import java.util.List;
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

    /** Understands endpoint {@code url} and setting {@code timeout} (a duration); builds no roles. */
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
        public Set<String> endpointNames() {
            return Set.of("url");
        }

        @Override
        public Set<String> settingNames() {
            return Set.of("timeout");
        }

        @Override
        public Set<String> keyTypes() {
            return Set.of("hmac");
        }

        @Override
        public void validate(ConnectorSettings settings) {
            settings.requireKnown(endpointNames(), settingNames());
            settings.duration("timeout");
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
