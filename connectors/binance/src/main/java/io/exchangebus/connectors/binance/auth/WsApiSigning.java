package io.exchangebus.connectors.binance.auth;

import io.exchangebus.connectors.core.http.ServerClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Signs WebSocket API request parameters as Binance specifies (web-socket-api.md, "SIGNED request security"):
 * {@code apiKey}, {@code timestamp} and {@code recvWindow} are added, every parameter except {@code signature} is
 * sorted by name and joined as {@code name=value&…} with the values as they are (UTF-8, not percent-encoded), and
 * that text is signed.
 */
public final class WsApiSigning {

    private final BinanceSigner signer;
    private final ServerClock clock;
    private final Duration recvWindow;

    public WsApiSigning(BinanceSigner signer, ServerClock clock, Duration recvWindow) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recvWindow = Objects.requireNonNull(recvWindow, "recvWindow");
    }

    public BinanceSigner signer() {
        return signer;
    }

    /** The exchange's time now in epoch milliseconds, by the server clock. */
    public long timestamp() {
        return clock.nowMillis();
    }

    /** {@code params} plus apiKey, timestamp, recvWindow and signature, ready to send. */
    public Map<String, Object> sign(Map<String, Object> params) {
        Map<String, Object> signed = new LinkedHashMap<>(params);
        signed.put("apiKey", signer.apiKey());
        signed.put("timestamp", clock.nowMillis());
        signed.put("recvWindow", recvWindow.toMillis());
        signed.put("signature", signer.sign(payload(signed)));
        return signed;
    }

    /** The text that is signed: the parameters but {@code signature}, sorted by name, {@code name=value} joined by '&'. */
    public static String payload(Map<String, ?> params) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"signature".equals(name)) {
                joined.add(name + "=" + value);
            }
        });
        return joined.toString();
    }
}
