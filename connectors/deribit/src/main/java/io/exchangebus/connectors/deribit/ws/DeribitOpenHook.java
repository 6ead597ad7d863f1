package io.exchangebus.connectors.deribit.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.rpc.JsonRpcOpenHook;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import io.exchangebus.connectors.core.session.AuthSession;
import io.exchangebus.connectors.deribit.auth.DeribitToken;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What runs on every new Deribit socket before its subscriptions are resent and it is reported CONNECTED:
 * <ol>
 * <li>{@code public/auth} through the {@link AuthSession} (invalidated first: a new socket logs in again, so a
 *     {@code connection}-scope token never outlives its socket and a {@code session:NAME} one is re-bound), when the
 *     connection has a login;</li>
 * <li>{@code public/set_heartbeat} with the interval, so the server's test requests keep the socket honest;</li>
 * <li>{@code private/enable_cancel_on_disconnect} with its scope, when configured.</li>
 * </ol>
 * Every request goes through {@code charged}, which waits for credits (and for the end of a 10028 pause). The
 * first error fails the attempt, which the connection retries with backoff.
 */
final class DeribitOpenHook implements JsonRpcOpenHook {

    static final String SET_HEARTBEAT = "public/set_heartbeat";
    static final String CANCEL_ON_DISCONNECT = "private/enable_cancel_on_disconnect";

    private final DeribitRpcSettings settings;
    private final AuthSession<DeribitToken> auth;
    private final Function<JsonRpcRequester, JsonRpcRequester> charged;
    private final Consumer<JsonRpcRequester> onSocket;

    /**
     * @param auth     the account's session; null for a public connection
     * @param charged  wraps a socket's requester with credits and limit errors
     * @param onSocket told of the new socket's own requester first (uncharged: test-request answers must go
     *                 whatever the credits say; logins charge it themselves)
     */
    DeribitOpenHook(DeribitRpcSettings settings, AuthSession<DeribitToken> auth,
                    Function<JsonRpcRequester, JsonRpcRequester> charged, Consumer<JsonRpcRequester> onSocket) {
        this.settings = settings;
        this.auth = auth;
        this.charged = charged;
        this.onSocket = onSocket;
    }

    @Override
    public CompletionStage<? extends Result<?>> onOpen(JsonRpcRequester onNewSocket) {
        onSocket.accept(onNewSocket);
        JsonRpcRequester socket = charged.apply(onNewSocket);
        return login().thenCompose(r -> r.isOk() ? heartbeat(socket) : done(r))
                .thenCompose(r -> r.isOk() ? cancelOnDisconnect(socket) : done(r));
    }

    private CompletableFuture<Result<?>> login() {
        if (auth == null) {
            return done(Result.ok());
        }
        auth.invalidate();
        return auth.credential().thenApply(r -> r);
    }

    private CompletableFuture<Result<?>> heartbeat(JsonRpcRequester socket) {
        ObjectNode params = JsonNodeFactory.instance.objectNode()
                .put("interval", settings.heartbeatInterval().toSeconds());
        return socket.request(SET_HEARTBEAT, params).thenApply(r -> r);
    }

    private CompletableFuture<Result<?>> cancelOnDisconnect(JsonRpcRequester socket) {
        Optional<String> scope = settings.cancelOnDisconnect();
        if (scope.isEmpty()) {
            return done(Result.ok());
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("scope", scope.get());
        return socket.request(CANCEL_ON_DISCONNECT, params).thenApply(r -> r);
    }

    private static CompletableFuture<Result<?>> done(Result<?> r) {
        return CompletableFuture.completedFuture(r);
    }
}
