package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

class FrameBatchTest {

    @Test
    void shouldFrameEachPayloadAsAnUnmaskedFinalTextFrameInEveryLengthFormThatJavaWebSocketReadsBack()
            throws Exception {
        Random random = new Random(7);
        List<String> payloads = new ArrayList<>();
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000, 3}) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            payloads.add(text.toString());
        }
        byte[] data = String.join("", payloads).getBytes(StandardCharsets.US_ASCII);
        FrameBatch batch = new FrameBatch(1 << 20);
        int offset = 0;
        for (String payload : payloads) {
            batch.add(data, offset, payload.length());
            offset += payload.length();
        }
        assertThat(batch.frames()).isEqualTo(payloads.size());

        ByteBuffer wire = batch.take().bytes();

        assertThat(batch.frames()).isZero();
        List<Framedata> read = new Draft_6455().translateFrame(wire);
        assertThat(read).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Framedata frame = read.get(i);
            assertThat(frame.getOpcode()).isEqualTo(Opcode.TEXT);
            assertThat(frame.isFin()).isTrue();
            assertThat(StandardCharsets.US_ASCII.decode(frame.getPayloadData()).toString()).isEqualTo(payloads.get(i));
        }
    }

    @Test
    void shouldSayAFrameWouldOverflowAFilledBatchButNeverAnEmptyOneWhichTakesAFrameLargerThanItsCapacity() {
        FrameBatch batch = new FrameBatch(100);
        byte[] data = new byte[300];

        batch.add(data, 0, 90); // 92 bytes with its header
        assertThat(batch.wouldOverflow(6)).isFalse(); // 92 + 8 = 100
        assertThat(batch.wouldOverflow(7)).isTrue();
        batch.take();

        assertThat(batch.wouldOverflow(300)).isFalse();
        batch.add(data, 0, 300);
        assertThat(batch.take().bytes().remaining()).isEqualTo(304);
    }
}
