package io.exchangebus.connectors.core.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;
import org.java_websocket.util.Charsetfunctions;

/**
 * RFC 6455 frames from the socket's bytes, as Java-WebSocket's {@code Draft_6455.translateFrame} reads them (the
 * same frames, the same refusals: unknown opcode, a control frame over 125 bytes, a frame over the draft's size
 * limit, reserved bits without an extension) but for the UTF-8 check of a final TEXT frame: 1.6.0 checks each byte
 * through its state table, which took 13–14 % of ingest's CPU on Deribit's and GRVT's frames; here the bytes are
 * looked at eight at a time while they are ASCII, as a JSON frame is, and the library's check takes over at the
 * first byte that is not (invalid UTF-8 is refused with close code 1007, as the library does). Upstream's main
 * branch no longer makes that check while decoding a frame (the message is checked where it becomes text); until a
 * release has it, this decoder keeps the check and makes it cheap. A TEXT frame that begins a fragmented message is
 * checked by the library as before.
 *
 * <p>A frame split across reads is kept until its last byte comes, in one buffer grown by doubling. One decoder per
 * connection, called from its reader thread only.
 */
final class FrameDecoder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final int MAX_HEADER = 14;

    private final Supplier<IExtension> negotiated;
    private final int maxFrameSize;
    private final IExtension plain = new DefaultExtension();
    /** The extension that decodes the frames of the current message (the library's choice, kept per message). */
    private IExtension decoding;
    /** The start of a frame whose last bytes have not come, ready to read; null when there is none. */
    private ByteBuffer partial;

    /**
     * @param negotiated the extension the handshake agreed on (the library's {@code getExtension()}), for frames
     *     with reserved bits set
     * @param maxFrameSize the largest payload taken, as the draft's
     */
    FrameDecoder(Supplier<IExtension> negotiated, int maxFrameSize) {
        this.negotiated = negotiated;
        this.maxFrameSize = maxFrameSize;
    }

    /** The frames complete in what was read so far; the bytes of an unfinished one are kept for the next call. */
    List<Framedata> decode(ByteBuffer read) throws InvalidDataException {
        ByteBuffer in = read;
        if (partial != null) {
            in = append(partial, read);
            partial = null;
        }
        List<Framedata> frames = new ArrayList<>(2);
        while (in.hasRemaining()) {
            Framedata frame = next(in);
            if (frame == null) {
                // a frame growing over many reads stays in its own buffer; the start of one is copied out of the read
                partial = in != read && in.position() == 0 ? in : keep(in);
                break;
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Forgets an unfinished frame (the connection was reset). */
    void reset() {
        partial = null;
        decoding = null;
    }

    /** The frame at {@code in}'s position, moving past it; null, with the position unchanged, if not all there. */
    private Framedata next(ByteBuffer in) throws InvalidDataException {
        int start = in.position();
        int available = in.remaining();
        if (available < 2) {
            return null;
        }
        int b0 = in.get(start);
        int b1 = in.get(start + 1);
        boolean fin = (b0 & 0x80) != 0;
        Opcode opcode = opcode(b0 & 0x0f);
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7f;
        int header = 2;
        if (length > 125) {
            if (opcode == Opcode.PING || opcode == Opcode.PONG || opcode == Opcode.CLOSING) {
                throw new InvalidFrameException("more than 125 octets");
            }
            header = length == 126 ? 4 : 10;
            if (available < header) {
                return null;
            }
            length = 0;
            for (int i = 2; i < header; i++) { // big-endian, whatever the buffer's order
                length = length << 8 | (in.get(start + i) & 0xff);
            }
        }
        checkLength(length);
        int payloadAt = header + (masked ? 4 : 0);
        if (available < payloadAt + length) {
            return null;
        }
        byte[] payload = new byte[(int) length];
        in.get(start + payloadAt, payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= in.get(start + header + (i & 3));
            }
        }
        in.position(start + payloadAt + (int) length);
        FramedataImpl1 frame = FramedataImpl1.get(opcode);
        frame.setFin(fin);
        frame.setRSV1((b0 & 0x40) != 0);
        frame.setRSV2((b0 & 0x20) != 0);
        frame.setRSV3((b0 & 0x10) != 0);
        frame.setPayload(ByteBuffer.wrap(payload));
        extension(frame);
        if (opcode == Opcode.TEXT && fin) {
            if (!isUtf8(payload)) {
                throw new InvalidDataException(CloseFrame.NO_UTF8, "Received text is no valid utf8 string!");
            }
        } else {
            frame.isValid();
        }
        return frame;
    }

    /** The library's extension rule: reserved bits go to the negotiated extension, which may refuse them. */
    private void extension(FramedataImpl1 frame) throws InvalidDataException {
        if (frame.getOpcode() != Opcode.CONTINUOUS) {
            boolean reserved = frame.isRSV1() || frame.isRSV2() || frame.isRSV3();
            decoding = reserved ? negotiated.get() : plain;
        }
        if (decoding == null) {
            decoding = plain;
        }
        decoding.isFrameValid(frame);
        decoding.decodeFrame(frame);
    }

    private void checkLength(long length) throws LimitExceededException {
        if (length > Integer.MAX_VALUE) {
            throw new LimitExceededException("Payloadsize is to big...");
        }
        if (length > maxFrameSize) {
            throw new LimitExceededException("Payload limit reached.", maxFrameSize);
        }
        if (length < 0) {
            throw new LimitExceededException("Payloadsize is to little...");
        }
    }

    private static Opcode opcode(int code) throws InvalidFrameException {
        return switch (code) {
            case 0 -> Opcode.CONTINUOUS;
            case 1 -> Opcode.TEXT;
            case 2 -> Opcode.BINARY;
            case 8 -> Opcode.CLOSING;
            case 9 -> Opcode.PING;
            case 10 -> Opcode.PONG;
            default -> throw new InvalidFrameException("Unknown opcode " + (short) code);
        };
    }

    /** Whether {@code bytes} are UTF-8: eight at a time while ASCII, then by the library's check. */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
            i += 8;
        }
        while (i < n && bytes[i] >= 0) {
            i++;
        }
        return i == n || Charsetfunctions.isValidUTF8(ByteBuffer.wrap(bytes), i);
    }

    /** What is left of {@code in}, in a buffer of its own with room for a frame's header at least. */
    private static ByteBuffer keep(ByteBuffer in) {
        ByteBuffer kept = ByteBuffer.allocate(Math.max(MAX_HEADER, in.remaining() * 2));
        kept.put(in);
        return kept.flip();
    }

    /** {@code kept} followed by {@code read}, in {@code kept}'s array when it has room, else one twice as large. */
    private static ByteBuffer append(ByteBuffer kept, ByteBuffer read) {
        int total = kept.remaining() + read.remaining();
        if (kept.position() == 0 && kept.capacity() >= total) {
            int end = kept.limit();
            kept.limit(total).position(end);
            kept.put(read);
            return kept.flip();
        }
        ByteBuffer grown = ByteBuffer.allocate(Math.max(total, 2 * kept.capacity()));
        grown.put(kept).put(read);
        return grown.flip();
    }
}
