package io.exchangebus.connectors.binance.config;

import java.net.URI;

/** How a family delivers an account's private events ({@link BinanceVenue#userDataTransport()}). */
public enum UserDataTransport {
    /** Spot: {@code userDataStream.subscribe} on the WebSocket API. */
    WS_API_SUBSCRIPTION {
        @Override
        public URI uri(BinanceEndpoints endpoints) {
            return endpoints.wsApi();
        }
    },
    /** USD-M: a listenKey asked for over REST and its raw stream, kept alive with PUT. */
    LISTEN_KEY {
        @Override
        public URI uri(BinanceEndpoints endpoints) {
            return endpoints.rawStream("listenKey"); // replaced by each key's stream
        }
    };

    /** The URI a user-data connection of its own is configured with. */
    public abstract URI uri(BinanceEndpoints endpoints);
}
