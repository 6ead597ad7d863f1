package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.contract.DataFetcherContractTest;
import io.exchangebus.connectors.core.contract.SimulatorProbe;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.deribit.DeribitSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The core DataFetcher contract against a fresh Deribit simulator per test, over real sockets. */
class DeribitDataFetcherContractIT extends DataFetcherContractTest {

    private FetcherProbe sim;

    @Override
    protected SimulatorProbe probe() {
        sim = FetcherProbe.start();
        return sim;
    }

    @Override
    protected DataFetcher newDataFetcher() {
        return sim.fetcher();
    }

    @AfterEach
    void stopSimulator() {
        if (role != null) {
            role.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /**
     * The DataFetcher contract's view of a running Deribit simulator: a funded account (10 BTC, 100 ETH,
     * 1,000,000 USDC), BTC-PERPETUAL as the instrument (tick 0.5, amount in USD in steps of 10: the simulator's
     * catalogue). Only what the DataFetcher contract uses is implemented.
     */
    static final class FetcherProbe implements SimulatorProbe, AutoCloseable {
        static final String ACCOUNT = "trader";
        static final Map<String, BigDecimal> FUNDS = fundsOf("BTC", "10", "ETH", "100", "USDC", "1000000");

        final DeribitSimulator sim;
        final io.exchangebus.sim.account.ApiKey key;

        private FetcherProbe(DeribitSimulator sim) {
            this.sim = sim;
            this.key = sim.createAccount(ACCOUNT);
            FUNDS.forEach((currency, amount) -> sim.deposit(ACCOUNT, currency, amount.toPlainString()));
        }

        static FetcherProbe start() {
            return new FetcherProbe(DeribitSimulator.builder().seed(42).marketData(false).build());
        }

        DeribitDataFetcher fetcher() {
            return DeribitFetchers.forSimulator(sim.restBaseUri(), ACCOUNT, key.keyId(), key.secret(),
                    List.copyOf(FUNDS.keySet()));
        }

        @Override
        public InstrumentDefinition instrument() {
            BigDecimal ten = BigDecimal.TEN;
            return new InstrumentDefinition(DeribitErrors.EXCHANGE, "BTC-PERPETUAL",
                    InstrumentId.perpetual("BTC", "USD"), "BTC", null,
                    new TradingRules(new BigDecimal("0.5"), ten, ten, null, null, ten), true);
        }

        @Override
        public BigDecimal passiveBuyPrice() {
            BigDecimal half = sim.markPrice("BTC-PERPETUAL").divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN);
            return half;
        }

        @Override
        public TrueBook trueBook(int depth) {
            throw new UnsupportedOperationException("not used by the DataFetcher contract");
        }

        @Override
        public List<String> clientOrderIdsReceived() {
            return sim.simulator().receivedOrders().stream()
                    .filter(o -> o.kind() == ReceivedOrderCommand.Kind.PLACE && ACCOUNT.equals(o.account()))
                    .map(o -> o.request().clientOrderId())
                    .toList();
        }

        @Override
        public Map<String, BigDecimal> freeBalances() {
            return FUNDS;
        }

        @Override
        public void deposit(String asset, BigDecimal amount) {
            sim.deposit(ACCOUNT, asset, amount.toPlainString());
        }

        @Override
        public void dropConnections() {
            throw new UnsupportedOperationException("not used by the DataFetcher contract");
        }

        @Override
        public void skipSequence() {
            throw new UnsupportedOperationException("not used by the DataFetcher contract");
        }

        @Override
        public void sendMalformedFrame() {
            throw new UnsupportedOperationException("not used by the DataFetcher contract");
        }

        @Override
        public void close() {
            sim.close();
        }

        private static Map<String, BigDecimal> fundsOf(String... pairs) {
            Map<String, BigDecimal> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                m.put(pairs[i], new BigDecimal(pairs[i + 1]));
            }
            return java.util.Collections.unmodifiableMap(m);
        }
    }
}
