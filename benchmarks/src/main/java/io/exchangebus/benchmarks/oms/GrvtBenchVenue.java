package io.exchangebus.benchmarks.oms;

import io.exchangebus.connectors.grvt.GrvtClientOrderIds;
import io.exchangebus.sim.ReceivedOrderCommand;
import io.exchangebus.sim.grvt.GrvtSimulator;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The GRVT simulator: one main account and trading sub-account per account, funded in USDT, all signing with one
 * test key (not a real one), as GRVT checks EIP-712 signers per sub-account.
 */
final class GrvtBenchVenue implements BenchVenue {
    private static final String SIGNING_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final BigInteger FIRST_SUB_ACCOUNT = new BigInteger("7000000000000001");

    private final GrvtSimulator sim;
    /** Our account name → its sub-account id, the simulator's account of its orders. */
    private final Map<String, BigInteger> subAccounts = new HashMap<>();

    /** Each sub-account within the simulator's default order-entry limit (1,200 requests a minute, then 1006). */
    GrvtBenchVenue(long seed) {
        this.sim = GrvtSimulator.builder().seed(seed).build();
    }

    @Override
    public BenchMarket market() {
        return BenchMarket.GRVT;
    }

    @Override
    public String fundAccount(String account, Path keys) throws IOException {
        BigInteger sub = FIRST_SUB_ACCOUNT.add(BigInteger.valueOf(subAccounts.size()));
        subAccounts.put(account, sub);
        String apiKey = account + "-api-key";
        sim.createAccount("0x" + String.format("%040x", sub), apiKey, sub,
                "0x" + Keys.getAddress(ECKeyPair.create(new BigInteger(SIGNING_KEY, 16))));
        sim.deposit(sub, "USDT", "100000000");
        Path keyFile = keys.resolve(account + ".api-key");
        Path secretFile = keys.resolve(account + ".signing-key");
        Files.writeString(keyFile, apiKey, StandardCharsets.UTF_8);
        Files.writeString(secretFile, SIGNING_KEY, StandardCharsets.UTF_8);
        return "  " + account + ":\n    exchange: grvt\n    api-key: file:" + keyFile + "\n    secret: file:"
                + secretFile + "\n    key-type: api-key\n    settings:\n      sub-account-id: \"" + sub + "\"\n";
    }

    @Override
    public String exchangeYaml() {
        return "  grvt:\n    environment: custom\n    endpoints:\n      edge-url: " + sim.restBaseUri()
                + "\n      trades-url: " + sim.restBaseUri() + "\n      market-data-url: " + sim.restBaseUri()
                + "\n      trades-ws-url: " + sim.tradesWsUri() + "\n      market-data-ws-url: "
                + sim.marketDataWsUri() + "\n";
    }

    @Override
    public List<ReceivedOrderCommand> received() {
        return sim.simulator().receivedOrders();
    }

    @Override
    public String keyOf(String account, String clientOrderId) {
        return subAccounts.get(account) + "/" + GrvtClientOrderIds.SCHEME.toExchange(clientOrderId).value();
    }

    @Override
    public void close() {
        sim.close();
    }
}
