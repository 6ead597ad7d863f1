package io.exchangebus.benchmarks.oms;

import io.exchangebus.connectors.deribit.mapping.DeribitLabels;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.deribit.DeribitSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Deribit simulator: accounts with the demo's funds (BTC margin for the inverse perpetual), client credentials. */
final class DeribitBenchVenue implements BenchVenue {
    private final DeribitSimulator sim;

    DeribitBenchVenue(long seed) {
        this.sim = DeribitSimulator.builder().seed(seed).build();
    }

    @Override
    public BenchMarket market() {
        return BenchMarket.DERIBIT;
    }

    @Override
    public String fundAccount(String account, Path keys) throws IOException {
        ApiKey key = sim.createAccount(account);
        sim.fundDemo(account);
        Path keyFile = keys.resolve(account + ".client-id");
        Path secretFile = keys.resolve(account + ".client-secret");
        Files.writeString(keyFile, key.keyId(), StandardCharsets.UTF_8);
        Files.writeString(secretFile, key.secret(), StandardCharsets.UTF_8);
        return "  " + account + ":\n    exchange: deribit\n    api-key: file:" + keyFile + "\n    secret: file:"
                + secretFile + "\n";
    }

    @Override
    public String exchangeYaml() {
        return "  deribit:\n    environment: custom\n    endpoints:\n      ws-url: " + sim.wsUri()
                + "\n      rest-url: " + sim.restBaseUri() + "\n";
    }

    @Override
    public List<ReceivedOrderCommand> received() {
        return sim.simulator().receivedOrders();
    }

    @Override
    public String keyOf(String account, String clientOrderId) {
        return account + "/" + DeribitLabels.SCHEME.toExchange(clientOrderId).value();
    }

    /** Deribit's API names an order by its label: the engine's client order id of it is the simulator's own. */
    @Override
    public String keyOf(ReceivedOrderCommand received) {
        return received.account() + "/" + sim.labelOf(received.request().clientOrderId()).orElse("");
    }

    @Override
    public void close() {
        sim.close();
    }
}
