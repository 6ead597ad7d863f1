package io.exchangebus.connectors.core.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Receives what a {@link WsConnection} reads. Every method is called on the connection's one consumer thread
 * ({@code ws-<name>-consumer}), in the order the frames were read, never on the socket's thread; a slow handler
 * therefore fills the hand-off queue (see {@link OverflowPolicy}) but never stalls the socket. A handler may block,
 * at the cost of overflow. Exceptions thrown here are logged (without the frame) and the next frame is delivered.
 *
 * <p>{@link #onOverflow(long)} has no default on purpose: a frame lost to a full queue may be a book diff, a fill, a
 * balance or the answer to an order, and only the handler knows which and how to recover, so every connection must
 * say (a book resyncs, private state is re-read, pending requests are told their answer may be lost).
 */
public interface WsHandler {

    /** One text frame, as read. */
    void onMessage(String text);

    /**
     * True to be given each whole text frame as its UTF-8 bytes ({@link #onText(byte[])}), not decoded by the
     * WebSocket library (which still checks that they are UTF-8 and closes the socket with 1007 if not): for a
     * handler that reads bytes, and reads or refuses what it gets. Asked once, when the connection is made. False
     * unless overridden.
     */
    default boolean readsTextAsBytes() {
        return false;
    }

    /**
     * One text frame as its UTF-8 bytes, as read (the array is the handler's), when {@link #readsTextAsBytes()};
     * by default decoded (a malformed sequence becomes U+FFFD) and given to {@link #onMessage(String)}.
     */
    default void onText(byte[] utf8) {
        onMessage(new String(utf8, StandardCharsets.UTF_8));
    }

    /** One binary frame; ignored unless overridden. The buffer is the handler's to keep. */
    default void onBinary(ByteBuffer data) {
    }

    /**
     * {@code dropped} frames were dropped because the queue was full since the last call, all of them read before
     * the frame delivered next. Called before that frame, never after it: a handler may see the signal early (some
     * frames read before the drop still follow) but never late. The connection has already counted them
     * ({@link WsStats#framesDropped()}) and tells its listener
     * ({@link io.exchangebus.connectors.core.connection.ConnectionListener#onFramesDropped}); the handler recovers.
     */
    void onOverflow(long dropped);

    /** A handler of text frames that recovers from an overflow with {@code onOverflow}; both required. */
    static WsHandler of(Consumer<String> onMessage, LongConsumer onOverflow) {
        Objects.requireNonNull(onMessage, "onMessage");
        Objects.requireNonNull(onOverflow, "onOverflow: say how lost frames are recovered");
        return new WsHandler() {
            @Override
            public void onMessage(String text) {
                onMessage.accept(text);
            }

            @Override
            public void onOverflow(long dropped) {
                onOverflow.accept(dropped);
            }
        };
    }
}
