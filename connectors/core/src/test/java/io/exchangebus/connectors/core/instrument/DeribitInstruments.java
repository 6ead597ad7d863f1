package io.exchangebus.connectors.core.instrument;

import io.exchangebus.events.OptionType;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Deribit instruments as ../shared/venues/deribit.md §11 captures them (NT test_data/http_get_instruments.json and
 * a live get_instrument, 2025-07): BTC-PERPETUAL reversed, contract_size 10, min_trade_amount 10, tick 0.5, amount in
 * USD; BTC_USDC-PERPETUAL linear, contract_size 0.001, tick 1, settles in USDC; a BTC option reversed, contract_size
 * 1, min 0.1, tick 0.0001 with tick_size_steps [{above_price 0.005, tick_size 0.0005}], quote_currency BTC.
 */
final class DeribitInstruments {
    static final InstrumentDefinition BTC_PERPETUAL = new InstrumentDefinition("deribit", "BTC-PERPETUAL",
            InstrumentId.perpetual("BTC", "USD"), "BTC", null,
            new TradingRules(new BigDecimal("0.5"), BigDecimal.TEN, BigDecimal.TEN, null, null, BigDecimal.TEN),
            true, QuantityUnit.QUOTE, true, "USD");

    static final InstrumentDefinition BTC_USDC_PERPETUAL = new InstrumentDefinition("deribit", "BTC_USDC-PERPETUAL",
            InstrumentId.perpetual("BTC", "USDC"), "USDC", null,
            new TradingRules(BigDecimal.ONE, new BigDecimal("0.001"), new BigDecimal("0.001"), null, null,
                    new BigDecimal("0.001")),
            true, QuantityUnit.BASE, false, "USDC");

    static final InstrumentDefinition BTC_CALL = new InstrumentDefinition("deribit", "BTC-27MAR26-100000-C",
            InstrumentId.option("BTC", "USD", LocalDate.of(2026, 3, 27), new BigDecimal("100000"), OptionType.CALL),
            "BTC", Instant.parse("2026-03-27T08:00:00Z"),
            new TradingRules(new BigDecimal("0.0001"), new BigDecimal("0.1"), new BigDecimal("0.1"), null, null,
                    BigDecimal.ONE, List.of(new TickBand(new BigDecimal("0.005"), new BigDecimal("0.0005")))),
            true, QuantityUnit.BASE, false, "BTC");

    private DeribitInstruments() {
    }
}
