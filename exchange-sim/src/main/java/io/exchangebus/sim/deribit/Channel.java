package io.exchangebus.sim.deribit;

import java.util.Optional;
import java.util.Set;

/**
 * A subscription channel name, parsed. Forms (venue page §6, §7):
 * {@code book.{inst}.{interval}}, {@code book.{inst}.none.{depth}.{interval}}, {@code trades.{inst}.{interval}},
 * {@code trades.{kind}.{currency}.{interval}}, {@code ticker.{inst}.{interval}},
 * {@code user.orders|trades|changes.{inst}.{interval}}, {@code user.orders|trades|changes.{kind}.{currency}.{interval}},
 * {@code user.portfolio.{currency}}.
 *
 * @param instrument the instrument, or null when the channel names a kind and currency
 */
record Channel(String name, Type type, String instrument, String kind, String currency, String interval, int depth) {

    enum Type { BOOK, BOOK_GROUPED, TRADES, TICKER, USER_ORDERS, USER_TRADES, USER_CHANGES, USER_PORTFOLIO }

    private static final Set<String> INTERVALS = Set.of("raw", "100ms", "agg2");
    private static final Set<String> KINDS = Set.of("future", "option", "any");
    private static final Set<String> CURRENCIES = Set.of("BTC", "ETH", "USDC", "ANY");
    private static final Set<String> DEPTHS = Set.of("1", "10", "20");

    boolean isRaw() {
        return "raw".equals(interval);
    }

    boolean isPrivate() {
        return type.name().startsWith("USER_");
    }

    /** Whether events of {@code i} belong to this channel. */
    boolean covers(DeribitInstrument i) {
        if (instrument != null) {
            return instrument.equals(i.name());
        }
        return (kind.equals("any") || kind.equals(i.kind()))
                && (currency.equalsIgnoreCase("any") || currency.equalsIgnoreCase(i.currency()));
    }

    /** The channel, if {@code name} is well formed and names a listed instrument ({@code known}). */
    static Optional<Channel> parse(String name, Set<String> known) {
        String[] p = name.split("\\.", -1);
        Channel c = switch (p[0]) {
            case "book" -> book(name, p, known);
            case "trades" -> stream(name, Type.TRADES, p, 1, known);
            case "ticker" -> p.length == 3 && known.contains(p[1]) && INTERVALS.contains(p[2])
                    ? new Channel(name, Type.TICKER, p[1], null, null, p[2], 0) : null;
            case "user" -> user(name, p, known);
            default -> null;
        };
        return Optional.ofNullable(c);
    }

    private static Channel book(String name, String[] p, Set<String> known) {
        if (p.length == 3 && known.contains(p[1]) && INTERVALS.contains(p[2])) {
            return new Channel(name, Type.BOOK, p[1], null, null, p[2], 0);
        }
        if (p.length == 5 && known.contains(p[1]) && p[2].equals("none") && DEPTHS.contains(p[3])
                && (p[4].equals("100ms") || p[4].equals("agg2"))) {
            return new Channel(name, Type.BOOK_GROUPED, p[1], null, null, p[4], Integer.parseInt(p[3]));
        }
        return null;
    }

    private static Channel user(String name, String[] p, Set<String> known) {
        if (p.length < 3) {
            return null;
        }
        if (p[1].equals("portfolio")) {
            return p.length == 3 && CURRENCIES.contains(p[2].toUpperCase())
                    ? new Channel(name, Type.USER_PORTFOLIO, null, null, p[2], null, 0) : null;
        }
        Type type = switch (p[1]) {
            case "orders" -> Type.USER_ORDERS;
            case "trades" -> Type.USER_TRADES;
            case "changes" -> Type.USER_CHANGES;
            default -> null;
        };
        return type == null ? null : stream(name, type, p, 2, known);
    }

    /** {@code prefix.{inst}.{interval}} or {@code prefix.{kind}.{currency}.{interval}}, from index {@code at}. */
    private static Channel stream(String name, Type type, String[] p, int at, Set<String> known) {
        int rest = p.length - at;
        if (rest == 2 && known.contains(p[at]) && INTERVALS.contains(p[at + 1])) {
            return new Channel(name, type, p[at], null, null, p[at + 1], 0);
        }
        if (rest == 3 && KINDS.contains(p[at]) && CURRENCIES.contains(p[at + 1].toUpperCase())
                && INTERVALS.contains(p[at + 2])) {
            return new Channel(name, type, null, p[at], p[at + 1], p[at + 2], 0);
        }
        return null;
    }
}
