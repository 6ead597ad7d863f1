package io.exchangebus.sim.deribit;

import io.exchangebus.sim.deribit.DeribitInstrument.OptionTerms;
import io.exchangebus.sim.deribit.DeribitInstrument.TickStep;
import io.exchangebus.sim.engine.ContractType;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import io.exchangebus.sim.engine.QuantityUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instruments the simulator lists, with the units of the venue page's §11: BTC-PERPETUAL and ETH-PERPETUAL
 * inverse (amount in USD, settled in the coin), BTC_USDC-PERPETUAL linear (amount in BTC, settled in USDC), and a
 * small BTC option chain (two strikes, call and put, one expiry at 08:00 UTC, premium in BTC).
 */
final class DeribitCatalog {

    static final BigDecimal BTC_START = new BigDecimal("90000");
    static final BigDecimal ETH_START = new BigDecimal("3000");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("dMMMyy", Locale.ENGLISH);

    private DeribitCatalog() {
    }

    /** The default listing; options expire on {@code optionExpiry} at 08:00 UTC. */
    static List<DeribitInstrument> defaults(LocalDate optionExpiry) {
        List<DeribitInstrument> all = new ArrayList<>();
        all.add(inversePerpetual("BTC-PERPETUAL", "BTC", "0.5", "10", BTC_START, 124972));
        all.add(inversePerpetual("ETH-PERPETUAL", "ETH", "0.05", "1", ETH_START, 124973));
        Instrument linear = new Instrument("BTC_USDC-PERPETUAL", InstrumentKind.PERPETUAL, "BTC", "USDC", "USDC",
                ContractType.LINEAR, QuantityUnit.BASE, new BigDecimal("0.001"), BigDecimal.ONE,
                new BigDecimal("0.001"), new BigDecimal("0.001"), BigDecimal.ZERO, new BigDecimal("0.0005"));
        all.add(new DeribitInstrument(linear, "USDC", "BTC", "USDC", "USDC", "perpetual", new BigDecimal("0.001"),
                List.of(), DeribitInstrument.PERPETUAL_EXPIRY, 210838, null, BTC_START, 50));
        long expiry = optionExpiry.atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        String date = optionExpiry.format(EXPIRY).toUpperCase(Locale.ROOT);
        int id = 300000;
        for (String strike : List.of("85000", "95000")) {
            for (boolean call : List.of(true, false)) {
                all.add(option("BTC-" + date + "-" + strike + (call ? "-C" : "-P"), strike, call, expiry, id++));
            }
        }
        return all;
    }

    private static DeribitInstrument inversePerpetual(String name, String coin, String tick, String contractSize,
                                                      BigDecimal start, int id) {
        Instrument engine = Instrument.inversePerpetual(name, coin, "USD", tick, contractSize)
                .withFees("0", "0.0005");
        return new DeribitInstrument(engine, coin, coin, "USD", "USD", "perpetual", new BigDecimal(contractSize),
                List.of(), DeribitInstrument.PERPETUAL_EXPIRY, id, null, start, 50);
    }

    private static DeribitInstrument option(String name, String strike, boolean call, long expiry, int id) {
        Instrument engine = Instrument.option(name, "BTC", "USD", "BTC", "0.0001", "0.1");
        List<TickStep> steps = List.of(new TickStep(new BigDecimal("0.005"), new BigDecimal("0.0005")));
        return new DeribitInstrument(engine, "BTC", "BTC", "USD", "BTC", "month", new BigDecimal("0.1"), steps,
                expiry, id, new OptionTerms(new BigDecimal(strike), call), BigDecimal.ZERO, 1);
    }
}
