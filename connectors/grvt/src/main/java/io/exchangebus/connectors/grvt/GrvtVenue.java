package io.exchangebus.connectors.grvt;

/** The venue's id in our events and errors. */
public final class GrvtVenue {

    /** {@code grvt}. */
    public static final String EXCHANGE = "grvt";

    private GrvtVenue() {
    }
}
