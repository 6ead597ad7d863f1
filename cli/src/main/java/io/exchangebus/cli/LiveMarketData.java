package io.exchangebus.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether this machine reaches the exchanges' public market-data endpoints, which {@code exbus demo --live} points
 * ingest at: a TCP connection to each host and port, tried together, each within the timeout.
 */
final class LiveMarketData {
    /** Binance's production market streams and REST (snapshots), spot and USD-M: what ingest connects to. */
    static final List<URI> BINANCE = List.of(
            URI.create("wss://stream.binance.com:9443"), URI.create("https://api.binance.com"),
            URI.create("wss://fstream.binance.com"), URI.create("https://fapi.binance.com"));

    private LiveMarketData() {
    }

    /** The first endpoint that cannot be reached, with why, or empty when all can. */
    static Optional<String> unreachable(List<URI> endpoints, Duration timeout) {
        List<CompletableFuture<Optional<String>>> checks = endpoints.stream()
                .map(uri -> CompletableFuture.supplyAsync(() -> check(uri, timeout)))
                .toList();
        return checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> check(URI uri, Duration timeout) {
        int port = uri.getPort() != -1 ? uri.getPort()
                : uri.getScheme().equals("https") || uri.getScheme().equals("wss") ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(uri.getHost() + ":" + port + " (" + describe(e) + ")");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.UnknownHostException) {
            return "name does not resolve";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
