package io.exchangebus.sim.deribit;

import io.exchangebus.sim.engine.ContractType;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A Deribit instrument: the engine's {@link Instrument} plus what {@code public/get_instruments} shows of it.
 *
 * @param currency the currency Deribit files it under (get_instruments' {@code currency}, channels'
 *                 {@code {kind}.{currency}}): the settlement currency (BTC, ETH, USDC)
 * @param indexCurrency whose index prices it (BTC for BTC_USDC-PERPETUAL)
 * @param tickSteps {@code tick_size_steps}: above a price, a coarser tick
 * @param option null unless an option
 * @param startPrice where its market starts (options: recomputed from the model at build)
 */
record DeribitInstrument(Instrument engine, String currency, String indexCurrency, String counterCurrency,
                         String quoteCurrency, String settlementPeriod, BigDecimal minTradeAmount,
                         List<TickStep> tickSteps, long expirationTimestamp, int instrumentId, OptionTerms option,
                         BigDecimal startPrice, int maxLeverage) {

    /** The year-3000 expiry Deribit gives perpetuals. */
    static final long PERPETUAL_EXPIRY = 32503708800000L;

    record TickStep(BigDecimal abovePrice, BigDecimal tickSize) {
    }

    /** @param call true for a call, false for a put */
    record OptionTerms(BigDecimal strike, boolean call) {
    }

    DeribitInstrument {
        Objects.requireNonNull(engine, "engine");
        tickSteps = List.copyOf(tickSteps);
    }

    String name() {
        return engine.symbol();
    }

    /** Deribit's kind: perpetuals are futures. */
    String kind() {
        return engine.kind() == InstrumentKind.OPTION ? "option" : "future";
    }

    boolean isOption() {
        return option != null;
    }

    boolean isInverse() {
        return engine.contractType() == ContractType.INVERSE;
    }

    /** Deribit's {@code instrument_type}: inverse contracts and BTC-priced options are {@code reversed}. */
    String instrumentType() {
        return isInverse() || (isOption() && engine.settlementAsset().equals(engine.base())) ? "reversed" : "linear";
    }

    /** The tick that applies at {@code price}: the last step whose {@code above_price} it exceeds, else the base tick. */
    BigDecimal tickAt(BigDecimal price) {
        BigDecimal tick = engine.tickSize();
        for (TickStep step : tickSteps) {
            if (price.compareTo(step.abovePrice()) > 0) {
                tick = step.tickSize();
            }
        }
        return tick;
    }

    boolean isOnTick(BigDecimal price) {
        return price.remainder(tickAt(price)).signum() == 0;
    }
}
