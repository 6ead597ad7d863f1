package io.exchangebus.connectors.core.ws;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link WsConnection} reads. Every method is called on the connection's one consumer thread
 * ({@code ws-<name>-consumer}), in the order the frames were read, never on the socket's thread; a slow handler
 * therefore fills the hand-off queue (see {@link OverflowPolicy}) but never stalls the socket. A handler may block,
 * at the cost of overflow. Exceptions thrown here are logged (without the frame) and the next frame is delivered.
 */
public interface WsHandler {

    /** One text frame, as read. */
    void onMessage(String text);

    /** One binary frame; ignored unless overridden. The buffer is the handler's to keep. */
    default void onBinary(ByteBuffer data) {
    }

    /**
     * {@code dropped} frames were dropped because the queue was full since the last call, all of them read before
     * the frame delivered next. Called before that frame, never after it: a handler may see the signal early (some
     * frames read before the drop still follow) but never late. A book layer marks its book invalid and resyncs.
     */
    default void onOverflow(long dropped) {
    }
}
