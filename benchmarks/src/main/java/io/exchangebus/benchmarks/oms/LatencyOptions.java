package io.exchangebus.benchmarks.oms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code benchmarks/run-oms-latency}.
 *
 * @param exchange what oms-service trades on: {@code binance} (spot and USD-M), {@code deribit} or {@code grvt}
 * @param rate commands a second, steady
 * @param seconds how long each phase (the echo floor, then oms-service) sends the measured commands
 * @param warmup how long each phase sends before that, unmeasured: the JVMs of the broker, the echo, oms-service,
 *        the simulators and the command stream compile their hot paths (default 90 s: at 1,000 commands/s on two
 *        cores the compilers of oms-service and of the simulators stay busy for about that long, and latency
 *        measured meanwhile is the compilers' queue: p99 537 ms after 30 s, 70 ms after 90 s)
 * @param accounts funded accounts (on Binance half on spot and half on USD-M), so that every account stays within
 *        its exchange's order-rate limit (Binance spot: 50 new orders in 10 s)
 * @param addresses how many network addresses the accounts are spread over (default one per 8 accounts): the
 *        simulators allow that many times Binance's per-address request weight; with one per 10, the USD-M
 *        accounts of an address at 1,000 commands/s went past USD-M's 2,400 a minute and were refused -1003
 * @param json where to write the report as JSON, if anywhere
 */
record LatencyOptions(String exchange, int rate, int seconds, int warmup, int accounts, int addresses, long seed,
                      Path json) {
    static final String USAGE = """
            usage: benchmarks/run-oms-latency [--exchange binance|deribit|grvt] [--rate PER_SECOND] [--seconds N]
                                       [--warmup N] [--accounts N] [--addresses N] [--seed S] [--json FILE]
            defaults: Binance spot and USD-M, 1000 commands/s for 60 s a phase after a 90 s warm-up, over 120
            accounts (half of them cancels) on 15 addresses""";

    LatencyOptions {
        if (rate < 1 || seconds < 1 || warmup < 0 || accounts < 2 || addresses < 1) {
            throw new IllegalArgumentException("rate, seconds, addresses >= 1, warmup >= 0, accounts >= 2\n"
                    + USAGE);
        }
        if (!OmsBenchStack.EXCHANGES.contains(exchange)) {
            throw new IllegalArgumentException("--exchange is one of " + OmsBenchStack.EXCHANGES + "\n" + USAGE);
        }
    }

    static LatencyOptions parse(String[] args) {
        String exchange = "binance";
        int rate = 1000;
        int seconds = 60;
        int warmup = 90;
        int accounts = 120;
        Integer addresses = null;
        long seed = 1;
        Path json = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (flag.equals("--help") || rest.isEmpty()) {
                throw new IllegalArgumentException(USAGE);
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--exchange" -> exchange = value;
                case "--rate" -> rate = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--accounts" -> accounts = Integer.parseInt(value);
                case "--addresses" -> addresses = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--json" -> json = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new LatencyOptions(exchange, rate, seconds, warmup, accounts,
                addresses == null ? (accounts + 7) / 8 : addresses, seed, json);
    }

    /** Commands sent a phase, the warm-up's included. */
    int commands() {
        return rate * (warmup + seconds);
    }

    /** Commands measured a phase: those created after the warm-up. */
    int measured() {
        return rate * seconds;
    }

    List<String> accountNames() {
        return OmsBenchStack.accountNames(exchange, accounts);
    }
}
