package io.exchangebus.oms;

/**
 * The OMS cannot tell what the exchange did with a request (no answer, and asking for the order failed too), so it
 * must not ack yet: the processing loop aborts the transaction, goes back to the last committed commands and asks
 * the exchange again before doing anything else with them.
 */
public final class RetryLaterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryLaterException(String message) {
        super(message);
    }
}
