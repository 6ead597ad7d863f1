package io.exchangebus.benchmarks.ingest;

import io.exchangebus.benchmarks.pipeline.SimulatedMarket;
import java.util.Arrays;
import java.util.Locale;

/**
 * The exchange whose frames a run replays ({@code --exchange}): its id in the services' configuration and in topic
 * keys, the frames replayed, and how many books its simulator lists.
 */
enum Venue {
    /** Binance spot {@code <symbol>@depth@100ms}, depth snapshots over REST ({@link ReplayServer}). */
    BINANCE(SimulatedMarket.EXCHANGE, "depthUpdate", 4, 8),
    /** Deribit {@code book.<instrument>.100ms}, the snapshot first in the stream ({@link RpcReplayServer}). */
    DERIBIT("deribit", "book.<instrument>.100ms", 3, 3),
    /** GRVT {@code v1.book.d}, the full book at sequence 0 first in the stream ({@link RpcReplayServer}). */
    GRVT("grvt", "v1.book.d", 2, 2);

    final String exchange;
    final String frames;
    final int defaultBooks;
    final int maxBooks;

    Venue(String exchange, String frames, int defaultBooks, int maxBooks) {
        this.exchange = exchange;
        this.frames = frames;
        this.defaultBooks = defaultBooks;
        this.maxBooks = maxBooks;
    }

    /** The option's value: {@code binance}, {@code deribit}, {@code grvt}. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the report names: {@code deribit book.<instrument>.100ms}. */
    String frameType() {
        return exchange + " " + frames;
    }

    /** Whether the replay serves depth snapshots over REST (and so can leave frames out as gaps). */
    boolean restSnapshots() {
        return this == BINANCE;
    }

    static Venue of(String cliName) {
        return Arrays.stream(values()).filter(v -> v.cliName().equals(cliName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--exchange: binance, deribit or grvt, was "
                        + cliName));
    }
}
