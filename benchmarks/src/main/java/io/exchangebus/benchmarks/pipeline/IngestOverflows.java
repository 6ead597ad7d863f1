package io.exchangebus.benchmarks.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How often ingest's Binance connector found its socket-to-handler queue full and dropped frames (then resynced the
 * connection's books): ingest has no metric of it, only its warning, so the report reads it from ingest's log. These
 * resyncs are on top of the ones the injected gaps cause.
 *
 * @param overflows times the queue overflowed
 * @param frames    frames dropped in all
 */
public record IngestOverflows(long overflows, long frames) {
    private static final Pattern DROPPED = Pattern.compile(": (\\d+) frames dropped on ");

    public static IngestOverflows fromLog(Path log) {
        long overflows = 0;
        long frames = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = DROPPED.matcher(line);
                if (m.find()) {
                    overflows++;
                    frames += Long.parseLong(m.group(1));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return new IngestOverflows(-1, -1);
        }
        return new IngestOverflows(overflows, frames);
    }
}
