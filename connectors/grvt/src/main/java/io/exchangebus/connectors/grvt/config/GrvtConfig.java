package io.exchangebus.connectors.grvt.config;

import io.exchangebus.connectors.core.http.HttpSettings;
import io.exchangebus.connectors.grvt.GrvtOmsSettings;
import io.exchangebus.connectors.core.ws.WsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a GRVT role needs from configuration. Built by {@code GrvtSchema} from checked settings, or directly in
 * tests (the simulator serves the three REST hosts on one port and each WebSocket host on its own).
 *
 * @param endpoints          edge, trades and market-data REST hosts and the chain id
 * @param tradesWs           the trades host's {@code /ws/full}: private streams, order RPC
 * @param marketDataWs       the market-data host's {@code /ws/full}: public streams
 * @param requestTimeout     how long a JSON-RPC request waits for its answer
 * @param bookRate           the {@code v1.book.d} selector's rate in ms (50, 100, 500, 1000)
 * @param accountPollInterval how often the PMS reads {@code account_summary} (there is no balance stream)
 * @param signatureLifetime  how far ahead the OMS's order signatures expire (a resting order's longest life)
 * @param account            the account; empty for public market data
 * @param wsTuning           adjusts every connection's settings (backoff), e.g. for tests
 * @param httpTuning         adjusts every host's HTTP settings (pauses), e.g. for tests
 */
public record GrvtConfig(GrvtEndpoints endpoints, URI tradesWs, URI marketDataWs, Duration requestTimeout,
                         int bookRate, Duration accountPollInterval, Duration signatureLifetime,
                         Optional<GrvtAccount> account,
                         UnaryOperator<WsSettings.Builder> wsTuning, UnaryOperator<HttpSettings> httpTuning) {

    public GrvtConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(tradesWs, "tradesWs");
        Objects.requireNonNull(marketDataWs, "marketDataWs");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(accountPollInterval, "accountPollInterval");
        Objects.requireNonNull(signatureLifetime, "signatureLifetime");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(wsTuning, "wsTuning");
        Objects.requireNonNull(httpTuning, "httpTuning");
    }

    /**
     * Public, with defaults (10 s requests, {@code v1.book.d@100}, 5 s polls, signatures for
     * {@link GrvtOmsSettings#DEFAULT_SIGNATURE_LIFETIME}), WebSockets at the hosts' /ws/full.
     */
    public static GrvtConfig publicOnly(GrvtEndpoints endpoints) {
        return new GrvtConfig(endpoints, endpoints.tradesWebSocket(), endpoints.marketDataWebSocket(),
                Duration.ofSeconds(10), 100, Duration.ofSeconds(5), GrvtOmsSettings.DEFAULT_SIGNATURE_LIFETIME,
                Optional.empty(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    public GrvtConfig withAccount(GrvtAccount value) {
        return new GrvtConfig(endpoints, tradesWs, marketDataWs, requestTimeout, bookRate, accountPollInterval,
                signatureLifetime, Optional.of(value), wsTuning, httpTuning);
    }

    public GrvtConfig withWebSockets(URI trades, URI marketData) {
        return new GrvtConfig(endpoints, trades, marketData, requestTimeout, bookRate, accountPollInterval,
                signatureLifetime, account, wsTuning, httpTuning);
    }

    public GrvtConfig withAccountPollInterval(Duration value) {
        return new GrvtConfig(endpoints, tradesWs, marketDataWs, requestTimeout, bookRate, value, signatureLifetime,
                account, wsTuning, httpTuning);
    }

    public GrvtConfig withSignatureLifetime(Duration value) {
        return new GrvtConfig(endpoints, tradesWs, marketDataWs, requestTimeout, bookRate, accountPollInterval, value,
                account, wsTuning, httpTuning);
    }

    public GrvtConfig withTuning(UnaryOperator<WsSettings.Builder> ws, UnaryOperator<HttpSettings> http) {
        return new GrvtConfig(endpoints, tradesWs, marketDataWs, requestTimeout, bookRate, accountPollInterval,
                signatureLifetime, account, ws, http);
    }

    /** The settings of one connection, named {@code grvt-<role>}. */
    public WsSettings.Builder ws(String role, URI uri) {
        return wsTuning.apply(WsSettings.builder("grvt-" + role, uri));
    }
}
