package io.exchangebus.connectors.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.ws.WsConnection;
import io.exchangebus.events.ErrorKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The subscriptions of a {@link JsonRpcClient}, each remembered by the {@link WsConnection} under its own key.
 *
 * <p>Why the connection's keys and not an open hook of our own: the connection already keeps the registry, sends a
 * new subscription at once if connected or else on connect, and resends every one after the open hook (so after
 * authentication) on each new socket, all on its one timer thread, with no race between a subscribe and a reconnect.
 * The message is a supplier, asked on every send: each send registers a fresh request id, so the answer to every
 * resend is checked like the first. The first answer completes the future {@code subscribe} returned; answers to
 * resends go to the resubscribe listener.
 *
 * <p>What stays remembered: channels the server confirmed. Channels missing from an answer, or all of them when the
 * server answers with an error, are forgotten (resending would be refused again) and reported. After a NETWORK or
 * TIMEOUT result nothing is forgotten: the subscription is resent on the next socket.
 */
final class JsonRpcSubscriptions {

    /** Registers a request with its answer callback and returns its frame, not sent. */
    @FunctionalInterface
    interface Preparer {
        String prepare(String method, JsonNode params, Consumer<Result<JsonNode>> onAnswer);
    }

    private final String exchange;
    private final SubscriptionProtocol protocol;
    private final WsConnection connection;
    private final Preparer preparer;
    private final Consumer<Result<List<String>>> resubscribed;
    private final AtomicLong keys = new AtomicLong();

    JsonRpcSubscriptions(String exchange, SubscriptionProtocol protocol, WsConnection connection, Preparer preparer,
                         Consumer<Result<List<String>>> resubscribed) {
        this.exchange = exchange;
        this.protocol = protocol;
        this.connection = connection;
        this.preparer = preparer;
        this.resubscribed = resubscribed;
    }

    /** Remembers {@code channels} and subscribes now if connected, else on connect. */
    CompletableFuture<Result<List<String>>> subscribe(List<String> channels) {
        Subscription s = new Subscription("rpc-sub-" + keys.incrementAndGet(), channels);
        connection.subscribe(s.key, s::nextFrame);
        return s.first;
    }

    private final class Subscription {
        final String key;
        /** Insertion-ordered; written on the consumer thread, read on the connection's timer thread. */
        final Set<String> wanted;
        final CompletableFuture<Result<List<String>>> first = new CompletableFuture<>();

        Subscription(String key, List<String> channels) {
            this.key = key;
            this.wanted = new CopyOnWriteArraySet<>(channels);
        }

        /** Connection's timer thread, on every send of this subscription. */
        String nextFrame() {
            List<String> asked = List.copyOf(wanted);
            return preparer.prepare(protocol.method(), protocol.params(asked), answer -> answered(asked, answer));
        }

        void answered(List<String> asked, Result<JsonNode> answer) {
            if (asked.isEmpty()) {
                // resent in the moment between forgetting its last channel and the connection dropping its key
                return;
            }
            Result<List<String>> checked = check(asked, answer);
            if (!first.complete(checked)) {
                resubscribed.accept(checked);
            }
        }

        private Result<List<String>> check(List<String> asked, Result<JsonNode> answer) {
            if (!answer.isOk()) {
                ErrorKind kind = answer.error().kind();
                if (kind != ErrorKind.NETWORK && kind != ErrorKind.TIMEOUT) {
                    forget(asked);
                }
                return Result.err(answer.error());
            }
            Set<String> confirmed = new HashSet<>(protocol.confirmed(answer.value()));
            List<String> missing = asked.stream().filter(c -> !confirmed.contains(c)).toList();
            if (missing.isEmpty()) {
                return Result.ok(asked);
            }
            forget(missing);
            return Result.err(new ExchangeError(ErrorKind.UNKNOWN, exchange, "SUBSCRIPTION_INCOMPLETE",
                    protocol.method() + ": not subscribed by the server: " + missing + " (" + (asked.size()
                            - missing.size()) + " of " + asked.size() + " channels are)", 0, false, null));
        }

        private void forget(List<String> channels) {
            wanted.removeAll(channels);
            if (wanted.isEmpty()) {
                connection.unsubscribe(key, null);
            }
        }
    }
}
