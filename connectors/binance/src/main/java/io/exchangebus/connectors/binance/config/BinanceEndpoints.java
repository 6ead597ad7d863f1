package io.exchangebus.connectors.binance.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where one Binance family is reached: the REST base, the market-stream base (to which {@code /ws/<stream>},
 * {@code /stream?streams=…} and, for USD-M, {@code /ws/<listenKey>} are appended) and the WebSocket API.
 *
 * @param venue the family
 * @param rest REST base, without a trailing slash (e.g. {@code https://api.binance.com})
 * @param streams market-stream base, without a trailing slash (e.g. {@code wss://stream.binance.com:9443})
 * @param wsApi the WebSocket API endpoint (e.g. {@code wss://ws-api.binance.com:443/ws-api/v3})
 */
public record BinanceEndpoints(BinanceVenue venue, URI rest, URI streams, URI wsApi) {

    public BinanceEndpoints {
        Objects.requireNonNull(venue, "venue");
        rest = withoutTrailingSlash(Objects.requireNonNull(rest, "rest"));
        streams = withoutTrailingSlash(Objects.requireNonNull(streams, "streams"));
        Objects.requireNonNull(wsApi, "wsApi");
    }

    /** Binance's production endpoints of the family. */
    public static BinanceEndpoints production(BinanceVenue venue) {
        return switch (venue) {
            case SPOT -> new BinanceEndpoints(venue, URI.create("https://api.binance.com"),
                    URI.create("wss://stream.binance.com:9443"), URI.create("wss://ws-api.binance.com:443/ws-api/v3"));
            case USDM -> new BinanceEndpoints(venue, URI.create("https://fapi.binance.com"),
                    URI.create("wss://fstream.binance.com"), URI.create("wss://ws-fapi.binance.com/ws-fapi/v1"));
        };
    }

    /** Binance's testnets: where to try real accounts first, with test funds. */
    public static BinanceEndpoints testnet(BinanceVenue venue) {
        return switch (venue) {
            case SPOT -> new BinanceEndpoints(venue, URI.create("https://testnet.binance.vision"),
                    URI.create("wss://stream.testnet.binance.vision"),
                    URI.create("wss://ws-api.testnet.binance.vision/ws-api/v3"));
            case USDM -> new BinanceEndpoints(venue, URI.create("https://testnet.binancefuture.com"),
                    URI.create("wss://fstream.binancefuture.com"),
                    URI.create("wss://testnet.binancefuture.com/ws-fapi/v1"));
        };
    }

    /** The raw stream of one stream name: {@code <streams>/ws/<name>}. */
    public URI rawStream(String name) {
        return URI.create(streams + "/ws/" + name);
    }

    /** The combined stream of the given names: {@code <streams>/stream?streams=a/b/c}. */
    public URI combinedStream(Iterable<String> names) {
        return URI.create(streams + "/stream?streams=" + String.join("/", names));
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
