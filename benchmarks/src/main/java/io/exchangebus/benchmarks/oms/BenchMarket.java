package io.exchangebus.benchmarks.oms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the command stream trades on one exchange of the OMS harnesses: the instrument, where its simulator's market
 * is, the order size and the price step. Accounts are named for their market: its {@link #prefix} and a number.
 *
 * @param prefix     the first letter of the names of this market's accounts
 * @param exchange   the exchange id
 * @param symbol     the exchange's symbol
 * @param instrument our instrument id
 * @param mid        where the simulator's market is (resting orders are placed 0.5 % to 2 % away from it)
 * @param quantity   the size of each order, in the exchange's unit
 * @param tick       the price step
 */
record BenchMarket(char prefix, String exchange, String symbol, String instrument, BigDecimal mid, BigDecimal quantity,
                   BigDecimal tick) {

    static final BenchMarket SPOT = new BenchMarket('s', "binance-spot", "BTCUSDT", "BTC-USDT",
            new BigDecimal("60000.00"), new BigDecimal("0.001"), new BigDecimal("0.1"));
    static final BenchMarket USDM = new BenchMarket('u', "binance-usdm", "BTCUSDT", "BTC-USDT-PERP",
            new BigDecimal("60000.0"), new BigDecimal("0.002"), new BigDecimal("0.1"));
    /** The inverse perpetual: amounts in USD, lots of 10, price steps of 0.5. */
    static final BenchMarket DERIBIT = new BenchMarket('d', "deribit", "BTC-PERPETUAL", "BTC-USD-PERP",
            new BigDecimal("90000"), new BigDecimal("10"), new BigDecimal("0.5"));
    static final BenchMarket GRVT = new BenchMarket('g', "grvt", "BTC_USDT_Perp", "BTC-USDT-PERP",
            new BigDecimal("60000.0"), new BigDecimal("0.01"), new BigDecimal("0.1"));

    private static final List<BenchMarket> ALL = List.of(SPOT, USDM, DERIBIT, GRVT);

    /** The market of an account, by the first letter of its name. */
    static BenchMarket of(String account) {
        for (BenchMarket m : ALL) {
            if (account.charAt(0) == m.prefix()) {
                return m;
            }
        }
        throw new IllegalArgumentException("no market for account " + account);
    }

    /** {@code away} (a fraction) from the mid, below it for a buy and above for a sell, on the price step. */
    BigDecimal restingPrice(boolean buy, BigDecimal away) {
        BigDecimal price = buy ? mid.multiply(BigDecimal.ONE.subtract(away)) : mid.multiply(BigDecimal.ONE.add(away));
        return price.divide(tick, 0, RoundingMode.DOWN).multiply(tick);
    }
}
