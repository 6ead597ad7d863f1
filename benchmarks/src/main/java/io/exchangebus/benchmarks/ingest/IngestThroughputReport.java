package io.exchangebus.benchmarks.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exchangebus.benchmarks.pipeline.IngestOverflows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run measured: the replay, ingest's records on {@code market.book.v1} and their rate, the raw producer's
 * rate with the same records, their ratio, and where the CPU went in each measured window.
 *
 * @param frameType        the exchange's frames replayed ({@code binance-spot depthUpdate})
 * @param framesRecorded   frames in the recording
 * @param framesSent       frames the replay sent
 * @param framesLeftOut    frames left out as gaps
 * @param snapshotsAnswered depth snapshots the replay answered (the first of every book, then one a resync)
 * @param overflows        times ingest's socket queue overflowed (frames dropped, books resynced), from its log
 * @param keyBytes         the average key size of ingest's records, in bytes
 * @param valueBytes       the average value size of ingest's records, in bytes (Confluent-framed Avro)
 * @param ingest           ingest's phase
 * @param raw              the raw producer's phase, the same number of records
 * @param check            market.book.v1 read back after the ingest phase
 */
record IngestThroughputReport(IngestThroughputOptions options, String frameType, int framesRecorded, long framesSent,
                              long framesLeftOut, long snapshotsAnswered, IngestOverflows overflows, double keyBytes,
                              double valueBytes, Throughput ingest, Throughput raw,
                              BookCheck check) {
    /** The target: ingest at half the raw producer's rate or better. */
    static final double TARGET_RATIO = 0.5;

    double ratio() {
        return raw.perSecond() == 0 ? 0 : ingest.perSecond() / raw.perSecond();
    }

    /** Whether every frame sent reached the topic ({@link BookCheck#passed()}). */
    boolean passed() {
        return check.passed();
    }

    void print(PrintStream out) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "ingest-throughput: %s, %,d frames recorded over %d books; %,d sent, %,d left out "
                        + "as gaps, %,d snapshots answered; ingest's queue overflowed %,d times (%,d frames dropped)%n",
                frameType, framesRecorded, options.symbols(), framesSent, framesLeftOut, snapshotsAnswered,
                overflows.overflows(), overflows.frames());
        out.printf(Locale.ROOT, "  records on market.book.v1: %,d: %,d deltas, %,d frames folded into the %,d "
                        + "snapshots (%,d resyncs), %,d sequence breaks; average key %.1f B, value %.1f B%n",
                ingest.records(), check.deltas(), check.folded(framesSent), ingest.records() - check.deltas(),
                check.resyncs(), check.sequenceBreaks(), keyBytes, valueBytes);
        check.booksBehind().forEach(b -> out.println("  FAILED: " + b));
        phase(out, "ingest", ingest, cores);
        phase(out, "raw producer", raw, cores);
        out.printf(Locale.ROOT, "  ratio ingest / raw producer: %.2f (target >= %.1f: %s)%n", ratio(), TARGET_RATIO,
                ratio() >= TARGET_RATIO ? "met" : "missed");
    }

    private static void phase(PrintStream out, String name, Throughput t, int cores) {
        out.printf(Locale.ROOT, "  %-13s %,10.0f records/s (%,d records in %.2f s after the warm-up); machine "
                + "%.0f %% busy; CPU ms per 1,000 records:", name, t.perSecond(), t.measured(),
                t.window().toNanos() / 1e9, 100 * t.machineShare(cores));
        t.cpu().keySet().forEach(p -> out.printf(Locale.ROOT, " %s %.1f", p, t.cpuMillisPerThousand(p)));
        out.println();
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("frameType", frameType);
        json.put("frames", options.frames());
        json.put("symbols", options.symbols());
        json.put("gapEvery", options.gapEvery());
        json.put("snapshotEvery", options.snapshotEvery());
        json.put("warmupShare", options.warmupShare());
        json.put("seed", options.seed());
        json.put("framesRecorded", framesRecorded);
        json.put("framesSent", framesSent);
        json.put("framesLeftOut", framesLeftOut);
        json.put("snapshotsAnswered", snapshotsAnswered);
        json.put("queueOverflows", overflows.overflows());
        json.put("framesDropped", overflows.frames());
        json.put("passed", passed());
        json.put("deltas", check.deltas());
        json.put("framesFolded", check.folded(framesSent));
        json.put("resyncs", check.resyncs());
        json.put("sequenceBreaks", check.sequenceBreaks());
        json.put("booksBehind", check.booksBehind());
        json.put("averageKeyBytes", keyBytes);
        json.put("averageValueBytes", valueBytes);
        json.put("ingest", phaseJson(ingest));
        json.put("rawProducer", phaseJson(raw));
        json.put("ratio", ratio());
        json.put("targetRatio", TARGET_RATIO);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static Map<String, Object> phaseJson(Throughput t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", t.records());
        json.put("measuredRecords", t.measured());
        json.put("windowSeconds", t.window().toNanos() / 1e9);
        json.put("recordsPerSecond", t.perSecond());
        Map<String, Object> cpu = new LinkedHashMap<>();
        t.cpu().forEach((p, used) -> cpu.put(p, Map.of("cpuMillis", used.toMillis(),
                "cpuMillisPer1000Records", t.cpuMillisPerThousand(p))));
        json.put("cpu", cpu);
        return json;
    }
}
