package io.exchangebus.sim.deribit;

import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.market.MarketDataGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices derived from the books: the index of a currency is the mid of its perpetual's market generator; the mark of
 * a perpetual is its index; the mark of an option is the Black-Scholes premium at {@link #VOL} in BTC (rounded to
 * 4 decimals). Also per-instrument trade statistics and Deribit's tick direction.
 *
 * <p>Threading: safe for concurrent use.
 */
final class DeribitMarket {

    /** The model's volatility, also printed as {@code mark_iv} (60 %). */
    static final double VOL = 0.6;
    private static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

    private final Simulator sim;
    private final Map<String, DeribitInstrument> instruments = new LinkedHashMap<>();
    private final Map<String, MarketDataGenerator> generators = new ConcurrentHashMap<>();
    private final Map<String, TradeStats> stats = new ConcurrentHashMap<>();
    private final Map<Long, Integer> tickDirections = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > 100_000;
        }
    };
    private final Map<String, int[]> lastDirection = new ConcurrentHashMap<>();

    DeribitMarket(Simulator sim, Collection<DeribitInstrument> listed) {
        this.sim = sim;
        listed.forEach(i -> instruments.put(i.name(), i));
        listed.forEach(i -> stats.put(i.name(), new TradeStats()));
    }

    void generator(String instrument, MarketDataGenerator generator) {
        generators.put(instrument, generator);
    }

    Collection<DeribitInstrument> instruments() {
        return instruments.values();
    }

    Optional<DeribitInstrument> instrument(String name) {
        return Optional.ofNullable(name == null ? null : instruments.get(name));
    }

    Clock clock() {
        return sim.clock();
    }

    /** The index of {@code currency} in USD: its perpetual's generator mid. */
    BigDecimal index(String currency) {
        MarketDataGenerator g = generators.get(currency + "-PERPETUAL");
        if (g != null) {
            return g.mid();
        }
        return currency.equals("ETH") ? DeribitCatalog.ETH_START : DeribitCatalog.BTC_START;
    }

    BigDecimal index(DeribitInstrument i) {
        return index(i.indexCurrency());
    }

    BigDecimal mark(DeribitInstrument i) {
        if (!i.isOption()) {
            return index(i);
        }
        double spot = index(i).doubleValue();
        double usd = BlackScholes.price(i.option().call(), spot, i.option().strike().doubleValue(), years(i), VOL);
        return BigDecimal.valueOf(usd / spot).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** Years to expiry on the simulator's clock (0 once expired). */
    double years(DeribitInstrument i) {
        return Math.max(0, (i.expirationTimestamp() - sim.clock().millis()) / MILLIS_PER_YEAR);
    }

    BlackScholes.Greeks greeks(DeribitInstrument i) {
        return BlackScholes.greeks(i.option().call(), index(i).doubleValue(), i.option().strike().doubleValue(),
                years(i), VOL);
    }

    /** The implied vol in percent of an option premium {@code price} in BTC; 0 if none. */
    double impliedVolPercent(DeribitInstrument i, BigDecimal price) {
        double spot = index(i).doubleValue();
        return 100 * BlackScholes.impliedVol(i.option().call(), spot, i.option().strike().doubleValue(), years(i),
                price.doubleValue() * spot);
    }

    // ---- trades ----------------------------------------------------------------------------------------------

    /** Records a printed trade (once per fill, from the engine listener). */
    void onTrade(Fill fill) {
        tickDirection(fill);
        stats.get(fill.symbol()).add(fill, instruments.get(fill.symbol()));
    }

    /**
     * Deribit's {@code tick_direction} of a trade: 0 plus tick, 1 zero-plus tick, 2 minus tick, 3 zero-minus tick.
     * Computed once per trade id, in trade order.
     */
    synchronized int tickDirection(Fill fill) {
        return tickDirections.computeIfAbsent(fill.tradeId(), id -> {
            int[] state = lastDirection.computeIfAbsent(fill.symbol(), s -> new int[] {-1, 0});
            TradeStats s = stats.get(fill.symbol());
            BigDecimal previous = s.lastPriceBefore(fill);
            int direction;
            if (previous == null || fill.price().compareTo(previous) > 0) {
                direction = 0;
            } else if (fill.price().compareTo(previous) < 0) {
                direction = 2;
            } else {
                direction = state[1] == 0 || state[1] == 1 ? 1 : 3;
            }
            state[1] = direction;
            return direction;
        });
    }

    TradeStats stats(String instrument) {
        return stats.get(instrument);
    }

    static String direction(Side side) {
        return side == Side.BUY ? "buy" : "sell";
    }
}
