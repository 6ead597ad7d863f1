package io.exchangebus.pms;

import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.binance.BinanceFamily;
import io.exchangebus.sim.binance.BinanceSimulator;
import io.exchangebus.sim.binance.BinanceSymbol;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Binance simulator of one family on loopback, with no market data of its own (so that the only frames on an
 * account's stream are the ones a test causes), a counterparty account that makes the market, and the YAML that
 * points a service at it.
 */
final class SimulatedExchange implements AutoCloseable {
    static final String MAKER = "maker";

    private final BinanceFamily family;
    private final BinanceSimulator sim;

    SimulatedExchange(BinanceFamily family) {
        this.family = family;
        this.sim = BinanceSimulator.builder(family).seed(7).build();
        sim.createAccount(MAKER);
        sim.deposit(MAKER, symbol().baseAsset(), "100");
        sim.deposit(MAKER, symbol().quoteAsset(), "10000000");
    }

    BinanceSimulator simulator() {
        return sim;
    }

    BinanceSymbol symbol() {
        return sim.symbols().get(0);
    }

    /** {@code binance-spot} or {@code binance-usdm}. */
    String exchange() {
        return family == BinanceFamily.SPOT ? "binance-spot" : "binance-usdm";
    }

    /** An account at the simulator, its key and secret written to files under {@code dir}. */
    ApiKey createAccount(String id) {
        return sim.createAccount(id);
    }

    /** The maker rests a sell of {@code quantity} at {@code price}; {@code taker} buys it with a limit order. */
    Fill buyFromMaker(String taker, String price, String quantity) {
        CommandResult resting = sim.simulator().place(symbol().symbol(),
                OrderRequest.limit(MAKER, Side.SELL, price, quantity));
        if (!resting.isAccepted()) {
            throw new IllegalStateException("maker's sell rejected: " + resting.rejectReason());
        }
        CommandResult taken = sim.simulator().place(symbol().symbol(),
                OrderRequest.limit(taker, Side.BUY, price, quantity));
        if (!taken.isAccepted() || taken.fills().size() != 1) {
            throw new IllegalStateException("taker's buy did not fill once: " + taken);
        }
        return taken.fills().get(0);
    }

    /**
     * The YAML of this exchange (CUSTOM endpoints at the simulator) and of {@code account} with its key and secret in
     * files under {@code dir}, as a Kubernetes secret would give them.
     */
    String yaml(Path dir, String account, String apiKey, String secret) throws IOException {
        Path keyFile = Files.writeString(dir.resolve(account + ".key"), apiKey + "\n");
        Path secretFile = Files.writeString(dir.resolve(account + ".secret"), secret + "\n");
        return "exchanges:\n"
                + "  " + exchange() + ":\n"
                + "    environment: custom\n"
                + "    rest-url: " + sim.restBaseUri() + "\n"
                + "    stream-url: " + sim.streamBaseUri() + "\n"
                + "    ws-api-url: " + sim.wsApiUri() + "\n"
                + "accounts:\n"
                + "  " + account + ":\n"
                + "    exchange: " + exchange() + "\n"
                + "    api-key: file:" + keyFile + "\n"
                + "    secret: file:" + secretFile + "\n";
    }

    @Override
    public void close() {
        sim.close();
    }
}
