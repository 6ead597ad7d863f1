package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.util.Charsetfunctions;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameDecoder} against Java-WebSocket's own {@link Draft_6455#translateFrame} on the same bytes, cut into
 * the same reads: the same frames (opcode, FIN, reserved bits, payload) and the same refusals (exception type and
 * close code).
 */
class FrameDecoderTest {

    private static final String[] TEXTS = {"{\"e\":\"depthUpdate\",\"b\":[[\"65000.01\",\"0.5\"]]}", "é", "€", "𝄞",
        "ascii", "BTC-PERPETUAL", "ü€𝄞x"};

    @Test
    void shouldReadTheSameFramesAsTheLibraryWhateverTheReadsCut() throws Exception {
        Random random = new Random(20261207);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int frames = 1 + random.nextInt(12);
            for (int i = 0; i < frames; i++) {
                randomFrames(random, wire);
            }
            byte[] bytes = wire.toByteArray();
            // every third round a byte a read, where the library's own reading of it stays quick
            int maxRead = round % 3 == 0 && bytes.length < 4_000 ? 1 : 1 + random.nextInt(5_000);
            List<ByteBuffer> reads = cut(bytes, random, maxRead);

            List<String> theirs = read(new Draft_6455()::translateFrame, reads);
            FrameDecoder decoder = new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE);
            List<String> ours = read(decoder::decode, reads);

            assertThat(ours).as("round %d", round).isEqualTo(theirs).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseWhatTheLibraryRefusesWithTheSameCloseCode() throws Exception {
        byte[] ascii = "{\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        byte[] invalidLate = Arrays.copyOf(ascii, ascii.length + 2);
        invalidLate[ascii.length] = (byte) 0xc3;
        invalidLate[ascii.length + 1] = 0x28; // a lead byte without its continuation
        List<byte[]> bad = List.of(
                frame(0x81, invalidLate, false, 0),
                frame(0x81, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, false, 0), // a surrogate
                frame(0x81, new byte[] {(byte) 0xc0, (byte) 0xaf}, false, 0), // overlong
                frame(0xc1, ascii, false, 0), // RSV1 without an extension
                frame(0x83, ascii, false, 0), // opcode 3
                frame(0x89, new byte[126], false, 0), // a ping over 125 bytes
                frame(0x09, new byte[4], false, 0), // a fragmented ping
                frame(0x88, new byte[] {0x03, (byte) 0xe7}, false, 0)); // close code 999
        for (byte[] frame : bad) {
            InvalidDataException theirs = refusal(new Draft_6455()::translateFrame, frame);
            InvalidDataException ours = refusal(new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE)::decode,
                    frame);

            assertThat(theirs).as("the library refuses %s", hex(frame)).isNotNull();
            assertThat(ours).as("refusal of %s", hex(frame)).isNotNull().isInstanceOf(theirs.getClass());
            assertThat(ours.getCloseCode()).isEqualTo(theirs.getCloseCode());
        }
        assertThat(refusal(new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE)::decode, bad.get(0))
                .getCloseCode()).isEqualTo(CloseFrame.NO_UTF8);
    }

    @Test
    void shouldRefuseAFrameOverTheSizeLimitAsTheLibraryDoes() {
        byte[] frame = frame(0x81, new byte[70_000], false, 2);
        Draft_6455 limited = new Draft_6455(List.<IExtension>of(new DefaultExtension()), 65_536);

        InvalidDataException theirs = refusal(limited::translateFrame, frame);
        InvalidDataException ours = refusal(new FrameDecoder(DefaultExtension::new, 65_536)::decode, frame);

        assertThat(ours).isInstanceOf(theirs.getClass());
        assertThat(ours.getCloseCode()).isEqualTo(theirs.getCloseCode()).isEqualTo(CloseFrame.TOOBIG);
    }

    @Test
    void shouldJudgeUtf8AsTheLibraryDoesAtEveryOffset() {
        Random random = new Random(7);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
            "€".getBytes(StandardCharsets.UTF_8), "𝄞".getBytes(StandardCharsets.UTF_8), {(byte) 0x80},
            {(byte) 0xc3}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xff}, {0x7f}};
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int asciiRun = random.nextInt(40);
            out.writeBytes("x".repeat(asciiRun).getBytes(StandardCharsets.US_ASCII));
            for (int i = random.nextInt(6); i > 0; i--) {
                out.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = out.toByteArray();

            assertThat(FrameDecoder.isUtf8(bytes)).as("%s", hex(bytes))
                    .isEqualTo(Charsetfunctions.isValidUTF8(ByteBuffer.wrap(bytes)));
        }
    }

    @Test
    void shouldKeepAFrameThatComesAByteAtATimeUntilItIsWhole() throws Exception {
        byte[] payload = "{\"a\":1}".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] wire = frame(0x81, payload, false, 2);
        FrameDecoder decoder = new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE);

        List<Framedata> frames = new ArrayList<>();
        for (byte b : wire) {
            frames.addAll(decoder.decode(ByteBuffer.wrap(new byte[] {b})));
        }

        assertThat(frames).hasSize(1);
        assertThat(bytes(frames.get(0).getPayloadData())).isEqualTo(payload);
    }

    @Test
    void shouldRefuseTheUnfinishedFrameNoMoreAfterAReset() throws Exception {
        FrameDecoder decoder = new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE);
        byte[] whole = frame(0x81, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false, 0);
        decoder.decode(ByteBuffer.wrap(Arrays.copyOf(whole, 4)));

        decoder.reset();

        assertThat(decoder.decode(ByteBuffer.wrap(whole))).hasSize(1);
        assertThatThrownBy(() -> new FrameDecoder(DefaultExtension::new, Integer.MAX_VALUE)
                .decode(ByteBuffer.wrap(frame(0x8b, new byte[0], false, 0))))
                .isInstanceOf(InvalidDataException.class);
    }
    // ---- frames --------------------------------------------------------------------------------------------

    /** One frame or one fragmented message, masked or not, its length in the shortest form or a longer one. */
    private static void randomFrames(Random random, ByteArrayOutputStream wire) {
        boolean masked = random.nextInt(4) == 0;
        switch (random.nextInt(7)) {
            case 0, 1 -> wire.writeBytes(frame(0x81, text(random), masked, random.nextInt(8) == 0 ? 2 : 0));
            case 2 -> wire.writeBytes(frame(0x82, randomBytes(random, length(random)), masked, 0));
            case 3 -> {
                wire.writeBytes(frame(0x01, ascii(random), masked, 0));
                wire.writeBytes(frame(0x00, ascii(random), masked, 0));
                wire.writeBytes(frame(0x80, ascii(random), masked, 0));
            }
            case 4 -> wire.writeBytes(frame(0x89, randomBytes(random, random.nextInt(126)), masked, 0));
            case 5 -> wire.writeBytes(frame(0x8a, randomBytes(random, random.nextInt(126)), masked, 0));
            default -> wire.writeBytes(frame(0x88, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}, masked, 0));
        }
    }

    private static int length(Random random) {
        int[] edges = {0, 1, 125, 126, 127, 65_535, 65_536, 70_001};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(2_000);
    }

    private static byte[] text(Random random) {
        StringBuilder text = new StringBuilder();
        int target = length(random);
        while (text.length() < target) {
            text.append(TEXTS[random.nextInt(TEXTS.length)]);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(Random random) {
        return "{\"x\":\"".concat("y".repeat(random.nextInt(300))).concat("\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * A frame as RFC 6455 lays it out: {@code first} (FIN, reserved bits, opcode), the length in 7 bits or, with
     * {@code longForm} 2 or 8, in that many bytes whatever its size, then the mask and the (masked) payload.
     */
    static byte[] frame(int first, byte[] payload, boolean masked, int longForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int mask = masked ? 0x80 : 0;
        int n = payload.length;
        int form = longForm == 8 || n > 65_535 ? 8 : longForm == 2 || n > 125 ? 2 : 0;
        if (form == 0) {
            out.write(mask | n);
        } else if (form == 2) {
            out.write(mask | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        byte[] key = {0x12, 0x34, 0x56, 0x78};
        byte[] body = payload.clone();
        if (masked) {
            out.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Translator {
        List<Framedata> translate(ByteBuffer read) throws InvalidDataException;
    }

    private static List<ByteBuffer> cut(byte[] bytes, Random random, int maxRead) {
        List<ByteBuffer> reads = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(maxRead));
            reads.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, at, at + n)));
            at += n;
        }
        return reads;
    }

    private static List<String> read(Translator translator, List<ByteBuffer> reads) throws InvalidDataException {
        List<String> frames = new ArrayList<>();
        for (ByteBuffer read : reads) {
            for (Framedata f : translator.translate(read.duplicate())) {
                frames.add(f.getOpcode() + " fin=" + f.isFin() + " rsv=" + f.isRSV1() + f.isRSV2() + f.isRSV3()
                        + " " + hex(bytes(f.getPayloadData())));
            }
        }
        return frames;
    }

    private static InvalidDataException refusal(Translator translator, byte[] frame) {
        try {
            translator.translate(ByteBuffer.wrap(frame));
            return null;
        } catch (InvalidDataException e) {
            return e;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
