package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.grvt.http.GrvtLoginSession;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtRpc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@link GrvtOrderChannel} on the shared transport: the account's {@link GrvtLoginSession} (API-key login, cookie
 * renewal) and a {@link GrvtRpc} on the trades host's {@code /ws/full} (ids always sent, subscriptions resent on
 * every new socket). Owns and closes both. Thread-safe.
 */
final class GrvtTradesOrderChannel implements GrvtOrderChannel {

    private final GrvtClients clients;
    private final GrvtLoginSession session;
    private volatile GrvtRpc rpc;
    private volatile Consumer<String> unrouted = raw -> { };
    private volatile ConnectionListener listener = event -> { };

    GrvtTradesOrderChannel(GrvtClients clients) {
        this.clients = clients;
        this.session = clients.session();
    }

    @Override
    public synchronized CompletableFuture<Result<Void>> open(List<Stream> streams, Consumer<JsonNode> frames,
                                                             Consumer<String> unrouted, ConnectionListener listener) {
        this.unrouted = unrouted;
        this.listener = listener;
        if (rpc == null) {
            rpc = clients.trades("oms", session, new Events());
        }
        GrvtRpc connection = rpc;
        return session.current().thenCompose(login -> {
            if (!login.isOk()) {
                return CompletableFuture.completedFuture(Result.<Void>err(login.error()));
            }
            List<CompletableFuture<Result<Void>>> subscribed = new ArrayList<>();
            for (Stream s : streams) {
                subscribed.add(connection.subscribe(new GrvtChannel(s.stream(), s.selector()),
                        (frame, raw, at) -> frames.accept(frame)));
            }
            return connection.start().thenCompose(started -> {
                if (!started.isOk()) {
                    return CompletableFuture.completedFuture(Result.<Void>err(started.error()));
                }
                return CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).thenApply(all ->
                        subscribed.stream().map(CompletableFuture::join).filter(r -> !r.isOk()).findFirst()
                                .orElse(Result.ok()));
            });
        });
    }

    @Override
    public CompletableFuture<Result<JsonNode>> request(String method, JsonNode params) {
        GrvtRpc connection = rpc;
        if (connection == null) {
            return CompletableFuture.completedFuture(Result.err(
                    ExchangeError.network(GrvtVenue.EXCHANGE, "not connected")));
        }
        return connection.request(method, params);
    }

    @Override
    public synchronized void close() {
        if (rpc != null) {
            rpc.close();
        }
        session.close();
    }

    private final class Events implements GrvtRpc.Events {
        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            listener.onConnectionEvent(event);
        }

        @Override
        public void onFramesDropped(FramesDropped event) {
            listener.onFramesDropped(event);
        }

        @Override
        public void onUnrouted(String raw, Instant receivedAt) {
            unrouted.accept(raw);
        }

        @Override
        public void onOverflow(long dropped) {
            // Order frames lost: the OMS's caller settles through findOrder; counted by onFramesDropped.
        }
    }
}
