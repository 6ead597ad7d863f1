package io.exchangebus.sim.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How the synthetic market moves. Each step the mid walks by up to {@code maxWalkTicks} ticks, the market maker
 * requotes {@code levelsPerSide} levels each side, {@code levelSpacingTicks} apart, of 1..{@code maxQuoteLots} lots,
 * and the taker sends market orders of 1..{@code maxTakerLots} lots, {@code tradesPerStep} of them on average
 * (the whole part always, the fraction with that probability). Running on its own, a step happens every
 * {@code stepInterval}: the trade rate is {@code tradesPerStep / stepInterval}.
 */
public record GeneratorConfig(long seed, BigDecimal startMid, int levelsPerSide, int levelSpacingTicks,
                              int maxQuoteLots, int maxWalkTicks, double tradesPerStep, int maxTakerLots,
                              String makerAccount, String takerAccount, Duration stepInterval) {

    public GeneratorConfig {
        Objects.requireNonNull(startMid, "startMid");
        requirePositive(levelsPerSide, "levelsPerSide");
        requirePositive(levelSpacingTicks, "levelSpacingTicks");
        requirePositive(maxQuoteLots, "maxQuoteLots");
        requirePositive(maxTakerLots, "maxTakerLots");
        if (maxWalkTicks < 0 || tradesPerStep < 0) {
            throw new IllegalArgumentException("maxWalkTicks and tradesPerStep must not be negative");
        }
        Objects.requireNonNull(makerAccount, "makerAccount");
        Objects.requireNonNull(takerAccount, "takerAccount");
        if (stepInterval.isNegative() || stepInterval.isZero()) {
            throw new IllegalArgumentException("stepInterval must be positive");
        }
    }

    /** Five levels a side two ticks apart, a walk of up to three ticks, one trade per 100 ms step on average. */
    public static GeneratorConfig defaults(long seed, String startMid) {
        return new GeneratorConfig(seed, new BigDecimal(startMid), 5, 2, 10, 3, 1.0, 5, "sim-market-maker",
                "sim-taker", Duration.ofMillis(100));
    }

    public GeneratorConfig withTradesPerStep(double trades) {
        return new GeneratorConfig(seed, startMid, levelsPerSide, levelSpacingTicks, maxQuoteLots, maxWalkTicks,
                trades, maxTakerLots, makerAccount, takerAccount, stepInterval);
    }

    public GeneratorConfig withStepInterval(Duration interval) {
        return new GeneratorConfig(seed, startMid, levelsPerSide, levelSpacingTicks, maxQuoteLots, maxWalkTicks,
                tradesPerStep, maxTakerLots, makerAccount, takerAccount, interval);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
