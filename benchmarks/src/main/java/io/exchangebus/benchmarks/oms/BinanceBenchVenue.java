package io.exchangebus.benchmarks.oms;

import io.exchangebus.connectors.binance.mapping.BinanceClientOrderIds;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Binance spot or USD-M simulator: accounts with USDT (and BTC on spot), HMAC keys in files. */
final class BinanceBenchVenue implements BenchVenue {
    private static final String FUNDS = "100000000";

    private final BenchMarket market;
    private final BinanceSimulator sim;

    /**
     * @param addresses the simulator's request-weight limit is that many times Binance's per-address limit (6,000 a
     *        minute on spot, 2,400 on USD-M), as when a deployment spreads its accounts over several hosts
     */
    BinanceBenchVenue(BenchMarket market, long seed, int addresses) {
        this.market = market;
        boolean spot = market == BenchMarket.SPOT;
        this.sim = BinanceSimulator.builder(spot ? BinanceFamily.SPOT : BinanceFamily.USDM).seed(seed)
                .weightLimitPerMinute((spot ? 6_000 : 2_400) * addresses).build();
    }

    @Override
    public BenchMarket market() {
        return market;
    }

    @Override
    public String fundAccount(String account, Path keys) throws IOException {
        ApiKey key = sim.createAccount(account);
        sim.deposit(account, "USDT", FUNDS);
        if (market == BenchMarket.SPOT) {
            sim.deposit(account, "BTC", "1000");
        }
        Path keyFile = keys.resolve(account + ".key");
        Path secretFile = keys.resolve(account + ".secret");
        Files.writeString(keyFile, key.keyId(), StandardCharsets.UTF_8);
        Files.writeString(secretFile, key.secret(), StandardCharsets.UTF_8);
        return "  " + account + ":\n    exchange: " + market.exchange() + "\n    api-key: file:" + keyFile
                + "\n    secret: file:" + secretFile + "\n";
    }

    @Override
    public String exchangeYaml() {
        return "  " + market.exchange() + ":\n    environment: custom\n    rest-url: " + sim.restBaseUri()
                + "\n    stream-url: " + sim.streamBaseUri() + "\n    ws-api-url: " + sim.wsApiUri() + "\n";
    }

    @Override
    public List<ReceivedOrderCommand> received() {
        return sim.simulator().receivedOrders();
    }

    @Override
    public String keyOf(String account, String clientOrderId) {
        return account + "/" + BinanceClientOrderIds.SCHEME.toExchange(clientOrderId).value();
    }

    @Override
    public void close() {
        sim.close();
    }
}
