package io.exchangebus.connectors.deribit.mapping;

import java.util.Objects;

/**
 * A public market-data channel name, split into its parts. The forms mapped (DNEW subscription pages):
 * <pre>
 *   book.{instrument}.{interval}                   BOOK          interval raw | 100ms | agg2
 *   book.{instrument}.none.{depth}.{interval}      GROUPED_BOOK  depth 1 | 10 | 20, interval 100ms | agg2
 *   trades.{instrument}.{interval}                 TRADES        (instrument null for trades.{kind}.{currency}.{interval})
 *   ticker.{instrument}.{interval}                 TICKER
 * </pre>
 * Instrument names hold no '.', so a name splits on it. A price-grouped book ({@code group} other than
 * {@code none}) sums levels into buckets; it is not the venue's book and is refused.
 *
 * @param type which channel
 * @param instrument the instrument name, or null for a currency-wide trades channel
 * @param depth the grouped book's depth, else 0
 * @param interval raw, 100ms or agg2
 */
public record DeribitChannel(Type type, String instrument, int depth, String interval) {

    /** The channel families mapped here. */
    public enum Type { BOOK, GROUPED_BOOK, TRADES, TICKER }

    public DeribitChannel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * Parses a channel name.
     *
     * @throws UnmappableMessageException naming the channel when it is none of the mapped forms
     */
    public static DeribitChannel parse(String channel) {
        String[] p = channel == null ? new String[0] : channel.split("\\.", -1);
        if (p.length == 3 && p[0].equals("book")) {
            return new DeribitChannel(Type.BOOK, p[1], 0, interval(channel, p[2]));
        }
        if (p.length == 5 && p[0].equals("book")) {
            if (!p[2].equals("none")) {
                throw new UnmappableMessageException("channel '" + channel + "': grouped price buckets ("
                        + p[2] + ") are not mapped, only group none");
            }
            return new DeribitChannel(Type.GROUPED_BOOK, p[1], depth(channel, p[3]), interval(channel, p[4]));
        }
        if (p.length == 3 && p[0].equals("trades")) {
            return new DeribitChannel(Type.TRADES, p[1], 0, interval(channel, p[2]));
        }
        if (p.length == 4 && p[0].equals("trades")) {
            return new DeribitChannel(Type.TRADES, null, 0, interval(channel, p[3]));
        }
        if (p.length == 3 && p[0].equals("ticker")) {
            return new DeribitChannel(Type.TICKER, p[1], 0, interval(channel, p[2]));
        }
        throw new UnmappableMessageException("channel '" + channel + "' is not a mapped market-data channel");
    }

    private static String interval(String channel, String interval) {
        return switch (interval) {
            case "raw", "100ms", "agg2" -> interval;
            default -> throw new UnmappableMessageException("channel '" + channel + "': unknown interval '"
                    + interval + "'");
        };
    }

    private static int depth(String channel, String depth) {
        return switch (depth) {
            case "1" -> 1;
            case "10" -> 10;
            case "20" -> 20;
            default -> throw new UnmappableMessageException("channel '" + channel + "': unknown depth '" + depth
                    + "'");
        };
    }
}
