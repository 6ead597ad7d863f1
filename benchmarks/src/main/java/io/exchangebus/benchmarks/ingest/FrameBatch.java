package io.exchangebus.benchmarks.ingest;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;

/**
 * Recorded frames framed once, as a server sends them (RFC 6455 §5.2: FIN, text, unmasked, the shortest length
 * form), several to one buffer: the replay hands Java-WebSocket one buffer for many frames, so that its selector is
 * woken and the socket written once per batch rather than once per frame. The bytes on the wire are the same frames.
 *
 * <p>Not thread-safe: the replay's one feed thread fills and sends it.
 */
final class FrameBatch {
    private final int capacity;
    private ByteBuffer buffer;
    private int frames;

    /** A batch of up to {@code capacity} bytes (a frame larger than that goes alone). */
    FrameBatch(int capacity) {
        this.capacity = capacity;
    }

    /** Whether {@code length} more payload bytes would go beyond the batch's capacity (never for an empty one). */
    boolean wouldOverflow(int length) {
        return frames > 0 && buffer.position() + framedSize(length) > capacity;
    }

    /** Adds one text frame whose payload is {@code data[offset, offset + length)}. */
    void add(byte[] data, int offset, int length) {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(Math.max(capacity, framedSize(length)));
        }
        buffer.put((byte) 0x81);
        if (length < 126) {
            buffer.put((byte) length);
        } else if (length <= 0xFFFF) {
            buffer.put((byte) 126).putShort((short) length);
        } else {
            buffer.put((byte) 127).putLong(length);
        }
        buffer.put(data, offset, length);
        frames++;
    }

    /** Frames added since the last {@link #take()}. */
    int frames() {
        return frames;
    }

    /** The frames added, as one buffer ready to write, and an empty batch again. */
    Framed take() {
        ByteBuffer out = buffer.flip();
        buffer = null;
        frames = 0;
        return new Framed(out);
    }

    static int framedSize(int length) {
        return length + (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10);
    }

    /** Frames already framed: {@link Server} writes their bytes as they are. */
    static final class Framed extends TextFrame {
        private final ByteBuffer bytes;

        Framed(ByteBuffer bytes) {
            this.bytes = bytes;
        }

        ByteBuffer bytes() {
            return bytes;
        }
    }

    /** The server's draft: RFC 6455 as Java-WebSocket speaks it, but {@link Framed} batches go out as they are. */
    static final class Server extends Draft_6455 {
        @Override
        public ByteBuffer createBinaryFrame(Framedata framedata) {
            return framedata instanceof Framed framed ? framed.bytes() : super.createBinaryFrame(framedata);
        }

        @Override
        public Draft copyInstance() {
            return new Server();
        }

        static List<Draft> only() {
            return List.of(new Server());
        }
    }
}
