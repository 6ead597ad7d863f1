package io.exchangebus.benchmarks.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.connectors.core.spi.OfflineNormalizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code benchmarks/run-fuzz --exchange X [--frames N] [--seed S] [--hang-ms MS] [--fixtures DIR] [--out DIR]}:
 * mutates the exchange's fixture messages N times (default 1,000,000) through the offline normalizer {@code exbus
 * normalize} uses, prints the counts, the time per frame and the first findings, writes every kept finding with its
 * frame to {@code DIR/fuzz-<exchange>-<seed>.jsonl} (default {@code target/fuzz}), and exits 1 on any crash, hang or
 * out-of-range event, 2 on bad arguments. A frame still running after 10 s stops the run as a hang (exit 1).
 */
public final class FuzzMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("run-fuzz: " + e.getMessage());
            return 2;
        }
        OfflineNormalizer normalizer = ExchangeConnectors.load().find(o.exchange)
                .flatMap(c -> c.offlineNormalizer(new OfflineNormalizer.Options("fuzz", null)))
                .orElse(null);
        if (normalizer == null) {
            out.println("run-fuzz: no offline normalizer for exchange '" + o.exchange + "'");
            return 2;
        }
        List<String> corpus = FuzzCorpus.messages(FuzzCorpus.fixturesRoot(o.fixtures), o.exchange);
        FuzzRun.Report report;
        try (Watchdog watchdog = new Watchdog(10_000, frame -> stuck(out, o, frame))) {
            report = new FuzzRun(normalizer, corpus, o.seed, Duration.ofMillis(o.hangMillis)).run(o.frames, watchdog);
        }
        print(out, o, corpus.size(), report);
        write(o, report);
        return report.failed() ? 1 : 0;
    }

    static void print(PrintStream out, Options o, int corpusSize, FuzzRun.Report r) {
        out.printf(Locale.ROOT, "run-fuzz %s: %,d frames from %d fixture messages, seed %d%n", o.exchange, r.frames(),
                corpusSize, o.seed);
        out.printf(Locale.ROOT, "  events %,d, refusals %,d%n", r.events(), r.refusals());
        out.printf(Locale.ROOT, "  crashes %d, hangs (> %d ms) %d, out-of-range events %d%n", r.crashes(),
                o.hangMillis, r.hangs(), r.outOfRange());
        out.printf(Locale.ROOT, "  time per frame: mean %.2f µs, p99 %.2f µs, max %.2f ms%n", r.microsPerFrame(),
                r.p99Nanos() / 1000.0, r.maxNanos() / 1e6);
        for (FuzzRun.Finding f : r.findings()) {
            String frame = f.frame().length() > 300 ? f.frame().substring(0, 300) + "…" : f.frame();
            out.println("  " + f.kind() + ": " + f.what() + "\n    frame: " + frame);
        }
    }

    private static void write(Options o, FuzzRun.Report r) throws IOException {
        Path dir = Path.of(o.out);
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (FuzzRun.Finding f : r.findings()) {
            lines.add(JSON.writeValueAsString(new Object[] {f.kind(), f.what(), f.frame()}));
        }
        Files.write(dir.resolve("fuzz-" + o.exchange + "-" + o.seed + ".jsonl"), lines);
    }

    private static void stuck(PrintStream out, Options o, String frame) {
        out.println("run-fuzz " + o.exchange + ": HANG, a frame has run for 10 s; seed " + o.seed + "\n    frame: "
                + (frame.length() > 300 ? frame.substring(0, 300) + "…" : frame));
        out.flush();
        Runtime.getRuntime().halt(1);
    }

    /** The command's options. */
    static final class Options {
        String exchange;
        long frames = 1_000_000;
        long seed = 1;
        long hangMillis = 100;
        String fixtures;
        String out = "target/fuzz";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--exchange" -> o.exchange = need(args[i], value);
                    case "--frames" -> o.frames = number(args[i], value);
                    case "--seed" -> o.seed = number(args[i], value);
                    case "--hang-ms" -> o.hangMillis = number(args[i], value);
                    case "--fixtures" -> o.fixtures = need(args[i], value);
                    case "--out" -> o.out = need(args[i], value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (o.exchange == null) {
                throw new IllegalArgumentException("--exchange is required");
            }
            return o;
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static long number(String option, String value) {
            try {
                long n = Long.parseLong(need(option, value));
                if (n <= 0 && !option.equals("--seed")) {
                    throw new IllegalArgumentException(option + " must be positive");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " is not a number: " + value);
            }
        }
    }
}
