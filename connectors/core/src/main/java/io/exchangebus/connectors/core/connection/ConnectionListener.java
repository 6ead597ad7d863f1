package io.exchangebus.connectors.core.connection;

/**
 * Told of every change of a connection's state, and of frames it dropped. Called on the connection's own thread:
 * return quickly and do not block (hand work to another thread).
 *
 * <p>A connector that wraps listeners forwards both methods: a wrapper written as a lambda forwards only state
 * changes, and the drops it swallows would never reach a service's metrics.
 */
@FunctionalInterface
public interface ConnectionListener {
    void onConnectionEvent(ConnectionEvent event);

    /**
     * Frames were dropped by a full hand-off queue (the consumer was slower than the stream). The connector
     * recovers by itself (resyncs books, re-reads private state, fails requests whose answers may be lost); this
     * is for counting, e.g. as {@code exbus_ws_frames_dropped_total}. Ignored unless overridden.
     */
    default void onFramesDropped(FramesDropped event) {
    }
}
