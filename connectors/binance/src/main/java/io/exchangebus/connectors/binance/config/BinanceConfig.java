package io.exchangebus.connectors.binance.config;

import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.core.http.HttpSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Binance role is built from: where the family is, whose key signs (private roles only), and the
 * limits and timings that are ours to choose. Build with {@link #builder(BinanceEndpoints)}.
 *
 * @param endpoints where the family is reached
 * @param signer the account's signer; empty for the public Subscriber
 * @param recvWindow how long after its timestamp a signed request stays valid (Binance default 5 s, max 60 s)
 * @param localClock our clock, corrected by the server-time offset before signing (a test may skew it)
 * @param http timeouts, retries, breaker and the weight budget of the REST transport
 * @param streamsPerConnection most streams put on one market-data connection (at most Binance's limit)
 * @param requestTimeout how long a WebSocket API request waits for its response
 */
public record BinanceConfig(BinanceEndpoints endpoints, Optional<BinanceSigner> signer, Duration recvWindow,
                            Clock localClock, HttpSettings http, int streamsPerConnection, Duration requestTimeout) {

    /** Binance's largest recvWindow. */
    public static final Duration MAX_RECV_WINDOW = Duration.ofSeconds(60);

    public BinanceConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(localClock, "localClock");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (recvWindow.isNegative() || recvWindow.isZero() || recvWindow.compareTo(MAX_RECV_WINDOW) > 0) {
            throw new IllegalArgumentException("recvWindow must be in (0, 60 s], was " + recvWindow.toMillis() + " ms");
        }
        int limit = endpoints.venue().streamsPerConnection();
        if (streamsPerConnection < 1 || streamsPerConnection > limit) {
            throw new IllegalArgumentException("streamsPerConnection must be in [1, " + limit + "] for "
                    + endpoints.venue().exchange() + ", was " + streamsPerConnection);
        }
    }

    public BinanceVenue venue() {
        return endpoints.venue();
    }

    /** The venue id: {@code binance-spot} or {@code binance-usdm}. */
    public String exchange() {
        return endpoints.venue().exchange();
    }

    /** The signer, for a role that cannot work without one. */
    public BinanceSigner requireSigner() {
        return signer.orElseThrow(() -> new IllegalStateException(
                exchange() + ": this role signs its requests and needs API credentials"));
    }

    public static Builder builder(BinanceEndpoints endpoints) {
        return new Builder(endpoints);
    }

    public static final class Builder {
        private final BinanceEndpoints endpoints;
        private BinanceSigner signer;
        private Duration recvWindow = Duration.ofSeconds(5);
        private Clock localClock = Clock.systemUTC();
        private HttpSettings http;
        private int streamsPerConnection;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder(BinanceEndpoints endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            this.streamsPerConnection = endpoints.venue().streamsPerConnection();
            this.http = HttpSettings.defaults(endpoints.venue().exchange(), endpoints.rest())
                    .withWeights(new HttpSettings.WeightBudget(endpoints.venue().requestWeightPerMinute(),
                            Duration.ofMinutes(1), Duration.ofSeconds(5)));
        }

        public Builder signer(BinanceSigner value) {
            this.signer = value;
            return this;
        }

        public Builder recvWindow(Duration value) {
            this.recvWindow = value;
            return this;
        }

        public Builder localClock(Clock value) {
            this.localClock = value;
            return this;
        }

        public Builder http(HttpSettings value) {
            this.http = value;
            return this;
        }

        public Builder streamsPerConnection(int value) {
            this.streamsPerConnection = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public BinanceConfig build() {
            return new BinanceConfig(endpoints, Optional.ofNullable(signer), recvWindow, localClock, http,
                    streamsPerConnection, requestTimeout);
        }
    }
}
