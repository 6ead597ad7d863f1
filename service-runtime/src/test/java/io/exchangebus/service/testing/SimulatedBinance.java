package io.exchangebus.service.testing;

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
 * For the services' integration tests: a Binance simulator of one family on loopback, with no market data of its
 * own (so that the only frames on an account's stream are the ones a test causes), a counterparty account that
 * makes the market, and the YAML that points a service at it.
 */
public final class SimulatedBinance implements AutoCloseable {
    public static final String MAKER = "maker";

    private final BinanceFamily family;
    private final BinanceSimulator sim;

    public SimulatedBinance(BinanceFamily family) {
        this.family = family;
        this.sim = BinanceSimulator.builder(family).seed(7).build();
        sim.createAccount(MAKER);
        sim.deposit(MAKER, symbol().baseAsset(), "100");
        sim.deposit(MAKER, symbol().quoteAsset(), "10000000");
    }

    public BinanceSimulator simulator() {
        return sim;
    }

    public BinanceSymbol symbol() {
        return sim.symbols().get(0);
    }

    /** {@code binance-spot} or {@code binance-usdm}. */
    public String exchange() {
        return family.cliName();
    }

    /** A new account at the simulator, with its HMAC key. */
    public ApiKey createAccount(String id) {
        return sim.createAccount(id);
    }

    /** The maker rests a sell of {@code quantity} at {@code price}, for an account's buy to take. */
    public void makerSells(String price, String quantity) {
        CommandResult resting = sim.simulator().place(symbol().symbol(),
                OrderRequest.limit(MAKER, Side.SELL, price, quantity));
        if (!resting.isAccepted()) {
            throw new IllegalStateException("maker's sell rejected: " + resting.rejectReason());
        }
    }

    /** The maker rests a sell of {@code quantity} at {@code price}; {@code taker} buys it with a limit order. */
    public Fill buyFromMaker(String taker, String price, String quantity) {
        makerSells(price, quantity);
        CommandResult taken = sim.simulator().place(symbol().symbol(),
                OrderRequest.limit(taker, Side.BUY, price, quantity));
        if (!taken.isAccepted() || taken.fills().size() != 1) {
            throw new IllegalStateException("taker's buy did not fill once: " + taken);
        }
        return taken.fills().get(0);
    }

    /** The YAML of this exchange and of {@code account}: {@link #exchangeYaml} and {@link #accountYaml}. */
    public String yaml(Path dir, String account, String apiKey, String secret) throws IOException {
        return "exchanges:\n" + exchangeYaml() + "accounts:\n" + accountYaml(dir, account, apiKey, secret);
    }

    /** The YAML entry (under {@code exchanges}) of this exchange: CUSTOM endpoints at the simulator. */
    public String exchangeYaml() {
        return "  " + exchange() + ":\n"
                + "    environment: custom\n"
                + "    rest-url: " + sim.restBaseUri() + "\n"
                + "    stream-url: " + sim.streamBaseUri() + "\n"
                + "    ws-api-url: " + sim.wsApiUri() + "\n";
    }

    /**
     * The YAML entry (under {@code accounts}) of {@code account} on this exchange, its key and secret in files under
     * {@code dir}, as a Kubernetes secret would give them.
     */
    public String accountYaml(Path dir, String account, String apiKey, String secret) throws IOException {
        Path keyFile = Files.writeString(dir.resolve(account + ".key"), apiKey + "\n");
        Path secretFile = Files.writeString(dir.resolve(account + ".secret"), secret + "\n");
        return "  " + account + ":\n"
                + "    exchange: " + exchange() + "\n"
                + "    api-key: file:" + keyFile + "\n"
                + "    secret: file:" + secretFile + "\n";
    }

    @Override
    public void close() {
        sim.close();
    }
}
