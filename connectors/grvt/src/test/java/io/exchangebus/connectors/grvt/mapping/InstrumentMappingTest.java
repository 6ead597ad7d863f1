package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.InstrumentKind;
import org.junit.jupiter.api.Test;

class InstrumentMappingTest {

    @Test
    void shouldMapAllInstrumentsKeepingHashAndDecimalsForSigning() {
        InstrumentMapping.Instruments full = InstrumentMapping.instruments(
                GrvtFixtures.text("rest_market_data.docs.jsonl", 9)).value();
        InstrumentMapping.Instruments lite = InstrumentMapping.instruments(
                GrvtFixtures.text("rest_market_data.docs.jsonl", 10)).value();

        GrvtInstrument btc = full.instruments().get(0);
        assertThat(btc.definition().id().toString()).isEqualTo("BTC-USDT-PERP");
        assertThat(btc.definition().id().kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(btc.definition().rules().tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.definition().rules().minQuantity()).isEqualByComparingTo("0.01");
        assertThat(btc.definition().rules().minNotional()).isEqualByComparingTo("20.0");
        assertThat(btc.definition().settle()).isEqualTo("USDT");
        assertThat(btc.signing().instrumentHash()).isEqualTo("0x030501");
        assertThat(btc.signing().baseDecimals()).isEqualTo(3);
        assertThat(btc.quoteDecimals()).isEqualTo(3);
        assertThat(lite).isEqualTo(full);
        assertThat(full.skipped()).isEmpty();
    }

    @Test
    void shouldReadBaseDecimalsGivenAsAString() {
        GrvtInstrument aave = InstrumentMapping.instrument(GrvtFixtures.message("ccxt_comments.jsonl", 16), false)
                .value();
        assertThat(aave.signing().baseDecimals()).isEqualTo(9);
        assertThat(aave.definition().rules().lotSize()).isEqualByComparingTo("0.1");
    }

    @Test
    void shouldSkipAnInstrumentOfUnknownFormWithItsReason() {
        String answer = GrvtFixtures.text("rest_market_data.docs.jsonl", 9).replace("BTC_USDT_Perp", "BTC_USDT_Swap");
        InstrumentMapping.Instruments mapped = InstrumentMapping.instruments(answer).value();
        assertThat(mapped.instruments()).isEmpty();
        assertThat(mapped.skipped().get(0).reason()).contains("BTC_USDT_Swap");
    }

    @Test
    void shouldNameFuturesAndOptions() {
        assertThat(GrvtSymbols.instrumentId("BTC_USDT_Fut_20Oct23").toString()).isEqualTo("BTC-USDT-20231020");
        assertThat(GrvtSymbols.instrumentId("ETH_USDT_Call_20Oct23_2800").toString())
                .isEqualTo("ETH-USDT-20231020-2800-C");
    }
}
