package io.exchangebus.connectors.core.contract;

import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the contract tests need to know of, and do to, an exchange's simulator. Each exchange module implements it
 * over its own simulator (exchange-sim), so the contracts judge the connector against the simulator's truth, not
 * against the connector's own view.
 */
public interface SimulatorProbe {
    /** An instrument the simulator trades, with the rules it enforces. */
    InstrumentDefinition instrument();

    /** A price far enough from the market that a limit buy there rests and never fills. */
    BigDecimal passiveBuyPrice();

    /** The simulator's true book for {@link #instrument()}, best first, up to {@code depth} levels a side. */
    TrueBook trueBook(int depth);

    /** The client order ids of every order request the simulator has received, in arrival order. */
    List<String> clientOrderIdsReceived();

    /** Free balance per asset of the account the roles use. */
    Map<String, BigDecimal> freeBalances();

    /**
     * Credits {@code amount} of {@code asset} to the account as a deposit, which the exchange announces on the
     * account stream (Binance balanceUpdate or ACCOUNT_UPDATE with reason DEPOSIT, Deribit user.portfolio).
     */
    void deposit(String asset, BigDecimal amount);

    /** Drops every open connection of the simulator now. */
    void dropConnections();

    /** Skips sequence numbers in the next market-data diff the simulator sends. */
    void skipSequence();

    /** Sends one malformed frame on every market-data connection. */
    void sendMalformedFrame();

    /** The true book: bids and asks as price to quantity, best first. */
    record TrueBook(List<Map.Entry<BigDecimal, BigDecimal>> bids, List<Map.Entry<BigDecimal, BigDecimal>> asks) {
    }
}
