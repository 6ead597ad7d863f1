package io.exchangebus.connectors.core.role;

/** What the four roles share: the venue, what they can do there, and a clean close. */
public interface ExchangeRole extends AutoCloseable {
    /** The venue id: binance-spot, binance-usdm, deribit, grvt. */
    String exchange();

    /** What this role can do on its exchange; a call that needs more is refused before it is made. */
    Capabilities capabilities();

    /** Closes connections and stops threads; no callback runs after it returns. Idempotent. */
    @Override
    void close();
}
