package io.exchangebus.connectors.grvt.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where one environment's services are, and the chain id to sign for. REST calls are POSTs under {@code full/v1/…}
 * ({@code full/v2/bulk_orders}); WebSockets speak JSON-RPC with full field names at {@code /ws/full} (grvt.md §1;
 * {@code /ws/lite} and the legacy {@code /ws} are not used). Hosts can be replaced, for the simulator on loopback.
 *
 * @param environment the environment these derive from
 * @param edge {@code https://edge.…}: {@code /auth/api_key/login}
 * @param trades {@code https://trades.…}: private REST and, at {@code /ws/full}, order RPC and private streams
 * @param marketData {@code https://market-data.…}: public REST and, at {@code /ws/full}, public streams
 * @param chainId the EIP-712 chain id
 */
public record GrvtEndpoints(GrvtEnvironment environment, URI edge, URI trades, URI marketData, long chainId) {

    public GrvtEndpoints {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(marketData, "marketData");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
    }

    /** {@code https://edge.…/auth/api_key/login}. */
    public URI apiKeyLogin() {
        return edge.resolve("/auth/api_key/login");
    }

    /** A private REST endpoint on the trades host, e.g. {@code tradesRest("full/v1/create_order")}. */
    public URI tradesRest(String path) {
        return trades.resolve("/" + path);
    }

    /** A public REST endpoint on the market-data host, e.g. {@code marketDataRest("full/v1/all_instruments")}. */
    public URI marketDataRest(String path) {
        return marketData.resolve("/" + path);
    }

    /** {@code wss://trades.…/ws/full}. */
    public URI tradesWebSocket() {
        return webSocket(trades);
    }

    /** {@code wss://market-data.…/ws/full}. */
    public URI marketDataWebSocket() {
        return webSocket(marketData);
    }

    /** The same endpoints with another chain id (staging's is uncertain, see {@link GrvtEnvironment}). */
    public GrvtEndpoints withChainId(long other) {
        return new GrvtEndpoints(environment, edge, trades, marketData, other);
    }

    /** The same environment and chain id on other hosts (a simulator's loopback addresses). */
    public GrvtEndpoints withHosts(URI otherEdge, URI otherTrades, URI otherMarketData) {
        return new GrvtEndpoints(environment, otherEdge, otherTrades, otherMarketData, chainId);
    }

    private static URI webSocket(URI http) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + http.getRawAuthority() + "/ws/full");
    }
}
