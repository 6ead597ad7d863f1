package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.rpc.JsonRpcRequester;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What {@link GrvtOms} needs of the trades host's JSON-RPC WebSocket ({@code /ws/full}, grvt.md §2, §7, §8):
 * requests that always carry an {@code id} (a request without one gets an answer without one, which could not be
 * matched), and the private streams of one sub-account. The shared GRVT transport implements it (login, cookie
 * renewal, reconnects); tests implement it over a simulator.
 *
 * <p>A request completes with the answer's {@code result}, the classified GRVT error, or a retryable NETWORK /
 * TIMEOUT error when the socket was lost or no answer came: the outcome of such a request is unknown.
 */
public interface GrvtOrderChannel extends JsonRpcRequester, AutoCloseable {

    /** One private stream: {@code v1.order} with selector {@code <sub_account_id>}. */
    record Stream(String stream, String selector) {
        public Stream {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(selector, "selector");
        }
    }

    /**
     * Connects (logging in), subscribes {@code streams} (again on every new socket) and hands each of their frames,
     * whole ({@code {stream, selector, sequence_number, feed, …}}), to {@code frames}, on one thread in the order
     * read; the raw text of anything else read that is not an answer of ours goes to {@code unrouted}. Completes
     * when requests can be sent and the streams are subscribed.
     */
    CompletableFuture<Result<Void>> open(List<Stream> streams, Consumer<JsonNode> frames, Consumer<String> unrouted,
                                         ConnectionListener listener);

    /** Closes the socket; no frame is handed over after it returns. Idempotent. */
    @Override
    void close();
}
