package io.exchangebus.connectors.binance.auth;

import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.http.RequestSigner;
import io.exchangebus.connectors.core.http.ServerClock;
import java.time.Duration;
import java.util.Objects;

/**
 * Signs REST calls as Binance's SIGNED endpoints require: {@code timestamp} (the exchange's time by the
 * {@link ServerClock}, so a skewed local clock does not give {@code -1021}), {@code recvWindow}, then
 * {@code signature} over the percent-encoded query string followed by the body, exactly as sent, and the
 * {@code X-MBX-APIKEY} header. Called by the transport before each attempt, so every retry is freshly stamped.
 */
public final class BinanceRequestSigner implements RequestSigner {

    private final BinanceSigner signer;
    private final ServerClock clock;
    private final Duration recvWindow;

    public BinanceRequestSigner(BinanceSigner signer, ServerClock clock, Duration recvWindow) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recvWindow = Objects.requireNonNull(recvWindow, "recvWindow");
    }

    @Override
    public HttpCall sign(HttpCall call) {
        HttpCall stamped = call.withParam("recvWindow", Long.toString(recvWindow.toMillis()))
                .withParam("timestamp", Long.toString(clock.nowMillis()));
        String payload = stamped.queryString() + (stamped.body() == null ? "" : stamped.body());
        return stamped.withParam("signature", signer.sign(payload)).withHeader("X-MBX-APIKEY", signer.apiKey());
    }
}
