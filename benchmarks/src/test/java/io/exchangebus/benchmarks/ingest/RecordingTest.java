package io.exchangebus.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatItWroteByteForByte() throws Exception {
        Recording.Builder builder = new Recording.Builder();
        builder.symbol("BTCUSDT");
        builder.restAnswer("/api/v3/time", bytes("{\"serverTime\":1}")).snapshot(0, 9, bytes("{\"lastUpdateId\":9}"));
        for (int i = 0; i < 5000; i++) {
            builder.frame(0, 10 + 2L * i, 11 + 2L * i, bytes("{\"stream\":\"btcusdt@depth@100ms\",\"n\":\"é" + i + "\"}"));
        }
        Path file = dir.resolve("recording.bin");

        builder.build().write(file);
        Recording read = Recording.read(file);

        assertThat(read.symbols()).containsExactly("BTCUSDT");
        assertThat(read.frames()).isEqualTo(5000);
        assertThat(frame(read, 4321)).isEqualTo("{\"stream\":\"btcusdt@depth@100ms\",\"n\":\"é4321\"}");
        assertThat(read.firstId(4321)).isEqualTo(10 + 2L * 4321);
        assertThat(read.lastId(4999)).isEqualTo(11 + 2L * 4999);
        assertThat(read.snapshots()).singleElement().satisfies(s -> assertThat(s.lastUpdateId()).isEqualTo(9));
        assertThat(new String(read.restAnswers().get("/api/v3/time"), StandardCharsets.UTF_8))
                .isEqualTo("{\"serverTime\":1}");
    }

    @Test
    void shouldReadLargeFramesIntoTheArraySizedByTheFileWithoutCopyingIt() throws Exception {
        Recording.Builder builder = new Recording.Builder();
        builder.symbol("BTC-PERPETUAL");
        String padding = "x".repeat(700);
        for (int i = 0; i < 2000; i++) {
            builder.frame(0, i, i, bytes("{\"change_id\":" + i + ",\"pad\":\"" + padding + "\"}"));
        }
        Path file = dir.resolve("large.bin");
        builder.build().write(file);

        Recording read = Recording.read(file);

        assertThat(read.data().length).as("the file's size, the frames' bytes and their headers")
                .isGreaterThan((int) read.frameBytes()).isLessThanOrEqualTo((int) java.nio.file.Files.size(file));
        assertThat(frame(read, 1999)).isEqualTo("{\"change_id\":1999,\"pad\":\"" + padding + "\"}");
        assertThat(frame(read, 0)).startsWith("{\"change_id\":0,");
    }

    private static String frame(Recording recording, int i) {
        return new String(recording.data(), recording.offset(i), recording.length(i), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
