package io.exchangebus.connectors.core.ws;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 as Java-WebSocket's {@link Draft_6455} speaks it, except that a whole text message (one final TEXT
 * frame) goes to {@code sink} as its UTF-8 bytes instead of being checked and decoded into a String on the
 * socket's thread: for a handler that reads bytes ({@link WsHandler#readsTextAsBytes()}), which then reads or
 * refuses what it gets. Fragmented messages, control frames and binary frames go through {@link Draft_6455}
 * unchanged, a TEXT frame in the middle of a fragmented message included (its protocol error is the library's).
 * Frames are read from the socket's bytes by a {@link FrameDecoder}: the library's frames and refusals, with a
 * cheaper UTF-8 check of a final TEXT frame. One instance per connection (the library copies it for each); the
 * socket's reader thread is its only caller.
 */
final class TextBytesDraft extends Draft_6455 {

    private final Consumer<byte[]> sink;
    private final FrameDecoder decoder = new FrameDecoder(this::getExtension, getMaxFrameSize());
    /** A fragmented message has begun and its final frame has not come. */
    private boolean fragmented;

    TextBytesDraft(Consumer<byte[]> sink) {
        this.sink = sink;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        return decoder.decode(buffer);
    }

    @Override
    public void reset() {
        super.reset();
        decoder.reset();
        fragmented = false;
    }

    @Override
    public void processFrame(WebSocketImpl socket, Framedata frame) throws InvalidDataException {
        Opcode opcode = frame.getOpcode();
        if (opcode == Opcode.TEXT && frame.isFin() && !fragmented) {
            sink.accept(bytes(frame.getPayloadData()));
            return;
        }
        if ((opcode == Opcode.TEXT || opcode == Opcode.BINARY) && !frame.isFin()) {
            fragmented = true;
        } else if (opcode == Opcode.CONTINUOUS && frame.isFin()) {
            fragmented = false;
        }
        super.processFrame(socket, frame);
    }

    @Override
    public Draft copyInstance() {
        return new TextBytesDraft(sink);
    }

    /** The payload's bytes: its own array when the buffer is all of it (the library allocates one per frame). */
    private static byte[] bytes(ByteBuffer payload) {
        if (payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
                && payload.remaining() == payload.array().length) {
            return payload.array();
        }
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        return copy;
    }
}
