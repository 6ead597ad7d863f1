package io.exchangebus.benchmarks.ingest;

import java.nio.file.Path;

/**
 * The options of {@code benchmarks/run-ingest-throughput}.
 *
 * @param exchange      whose frames: Binance spot depthUpdate (default), Deribit or GRVT books
 * @param frames        depth frames to record and replay
 * @param symbols       books (the venue's first symbols), 1 to the venue's {@link Venue#maxBooks}
 * @param gapEvery      a frame left out after every this many frames sent; 0 for none (Binance only)
 * @param snapshotEvery a depth snapshot recorded every this many frames of a book
 * @param window        frames the replay may send beyond the records acknowledged on market.book.v1
 * @param warmupShare   the share of each phase's records left out of the measured window, at its start
 * @param seed          the simulator's seed
 * @param json          where to write the report as JSON, or null
 * @param workDir       where the recording, the logs and the services' YAML go, or null for a new temporary one
 */
record IngestThroughputOptions(Venue exchange, int frames, int symbols, long gapEvery, int snapshotEvery, int window,
                               double warmupShare,
                               long seed, Path json, Path workDir) {

    static final String USAGE = """
            usage: benchmarks/run-ingest-throughput [options]
              --exchange NAME     binance (spot depthUpdate, the default), deribit (book.<instrument>.100ms) or
                                  grvt (v1.book.d)
              --frames N          frames recorded and replayed (default 500000)
              --symbols N         books: binance 1 to 8 (default 4), deribit 1 to 3 (default 3), grvt 1 to 2
                                  (default 2)
              --gap-every N       leave one frame out after every N frames sent, at a snapshot's edge (default 0:
                                  none; binance only)
              --snapshot-every N  record a depth snapshot every N frames of a book (default 2000)
              --window N          frames sent beyond those acknowledged on market.book.v1 (default 4096; ingest's
                                  connector drops frames when its queue of 8192 is full)
              --warmup SHARE      share of each phase's records before its measured window (default 0.2)
              --seed N            the simulator's seed (default 1)
              --json FILE         also write the report as JSON
              --work-dir DIR      recording, logs and YAML here (default: a new temporary directory)""";

    IngestThroughputOptions {
        if (frames < 1000) {
            throw new IllegalArgumentException("--frames: at least 1000, was " + frames);
        }
        if (symbols < 1 || symbols > exchange.maxBooks) {
            throw new IllegalArgumentException("--symbols: 1 to " + exchange.maxBooks + " for " + exchange.cliName()
                    + ", was " + symbols);
        }
        if (gapEvery > 0 && !exchange.restSnapshots()) {
            throw new IllegalArgumentException("--gap-every: binance only (the replay of " + exchange.cliName()
                    + " cannot serve a new snapshot on a resubscribe)");
        }
        if (gapEvery < 0 || snapshotEvery < 1 || window < 1) {
            throw new IllegalArgumentException("--gap-every 0 or more, --snapshot-every and --window 1 or more");
        }
        if (!(warmupShare >= 0 && warmupShare < 0.9)) {
            throw new IllegalArgumentException("--warmup: 0 to 0.9, was " + warmupShare);
        }
    }

    static IngestThroughputOptions parse(String... args) {
        Venue exchange = Venue.BINANCE;
        int frames = 500_000;
        Integer symbols = null;
        long gapEvery = 0;
        int snapshotEvery = 2000;
        int window = 4096;
        double warmup = 0.2;
        long seed = 1;
        Path json = null;
        Path workDir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--exchange" -> exchange = Venue.of(value);
                    case "--frames" -> frames = Integer.parseInt(value);
                    case "--symbols" -> symbols = Integer.parseInt(value);
                    case "--gap-every" -> gapEvery = Long.parseLong(value);
                    case "--snapshot-every" -> snapshotEvery = Integer.parseInt(value);
                    case "--window" -> window = Integer.parseInt(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--json" -> json = Path.of(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a number: " + value, e);
            }
        }
        return new IngestThroughputOptions(exchange, frames, symbols == null ? exchange.defaultBooks : symbols, gapEvery,
                snapshotEvery, window, warmup, seed, json, workDir);
    }
}
