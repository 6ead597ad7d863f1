package io.exchangebus.connectors.core.instrument;

import static io.exchangebus.connectors.core.instrument.DeribitInstruments.BTC_CALL;
import static io.exchangebus.connectors.core.instrument.DeribitInstruments.BTC_PERPETUAL;
import static io.exchangebus.connectors.core.instrument.DeribitInstruments.BTC_USDC_PERPETUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.instrument.ContractMath.Terms;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.QuantityUnit;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ContractMathTest {
    private static final Terms INVERSE_USD = new Terms(true, BigDecimal.ONE);

    @Test
    void shouldValueAnInverseUsdPerpetualAtItsFaceInUsdAndAtFaceOverPriceInBtc() {
        // 200 USD of BTC-PERPETUAL at 40,000 USD/BTC: 200 USD, worth 0.005 BTC.
        assertThat(ContractMath.quoteNotional(BTC_PERPETUAL, new BigDecimal("200"), new BigDecimal("40000")))
                .isEqualByComparingTo("200");
        assertThat(ContractMath.settlementNotional(BTC_PERPETUAL, new BigDecimal("200"), new BigDecimal("40000")))
                .isEqualByComparingTo("0.005");
        // 100 USD at 30,000: 1/300 BTC = 0.0033333…, rounded half-even at scale 18.
        assertThat(ContractMath.settlementNotional(BTC_PERPETUAL, new BigDecimal("100"), new BigDecimal("30000")))
                .isEqualTo(new BigDecimal("0.003333333333333333"));
    }

    @Test
    void shouldMultiplyByTheContractSizeOnlyWhenTheQuantityCountsContracts() {
        // Binance COIN-M style: 3 contracts of 100 USD at 50,000 = 300 USD = 0.006 BTC.
        InstrumentDefinition coinM = new InstrumentDefinition("example", "BTCUSD_PERP",
                InstrumentId.perpetual("BTC", "USD"), "BTC", null,
                new TradingRules(new BigDecimal("0.1"), BigDecimal.ONE, BigDecimal.ONE, null, null,
                        new BigDecimal("100")), true, QuantityUnit.CONTRACTS, true, "USD");

        assertThat(coinM.multiplier()).isEqualByComparingTo("100");
        assertThat(ContractMath.quoteNotional(coinM, new BigDecimal("3"), new BigDecimal("50000")))
                .isEqualByComparingTo("300");
        assertThat(ContractMath.settlementNotional(coinM, new BigDecimal("3"), new BigDecimal("50000")))
                .isEqualByComparingTo("0.006");
        assertThat(BTC_PERPETUAL.multiplier()).as("USD-sized: contract size 10 is only the granularity")
                .isEqualByComparingTo("1");
        assertThat(BTC_USDC_PERPETUAL.multiplier()).as("BTC-sized").isEqualByComparingTo("1");
    }

    @Test
    void shouldValueLinearContractsAndOptionsAtPriceTimesQuantityExactly() {
        assertThat(ContractMath.quoteNotional(BTC_USDC_PERPETUAL, new BigDecimal("0.003"), new BigDecimal("65001")))
                .isEqualTo(new BigDecimal("195.003"));
        assertThat(ContractMath.settlementNotional(BTC_USDC_PERPETUAL, new BigDecimal("0.003"),
                new BigDecimal("65001"))).isEqualTo(new BigDecimal("195.003"));
        // 0.5 BTC of a call at 0.0125 BTC: a premium of 0.00625 BTC, in BTC, which is also the settlement currency.
        assertThat(ContractMath.settlementNotional(BTC_CALL, new BigDecimal("0.5"), new BigDecimal("0.0125")))
                .isEqualByComparingTo("0.00625");
    }

    @Test
    void shouldRefuseToValueALinearQuantoInItsSettlementCurrency() {
        InstrumentDefinition quanto = new InstrumentDefinition("example", "ETHUSD", InstrumentId.perpetual("ETH", "USD"),
                "BTC", null, new TradingRules(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null,
                        BigDecimal.ONE), true);

        assertThatThrownBy(() -> ContractMath.settlementNotional(quanto, BigDecimal.ONE, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchange rate");
    }

    @Test
    void shouldTakeTheHarmonicMeanAsTheEntryOfAnInverseContract() {
        // 100 USD at 40,000 (0.0025 BTC) and 100 USD at 50,000 (0.002 BTC): 200 USD for 0.0045 BTC,
        // an entry of 200 / 0.0045 = 44,444.444… USD/BTC (the arithmetic mean would say 45,000).
        assertThat(ContractMath.averageEntry(INVERSE_USD, new BigDecimal("100"), new BigDecimal("40000"),
                new BigDecimal("100"), new BigDecimal("50000")))
                .isEqualTo(new BigDecimal("44444.444444444444444444"));
        assertThat(ContractMath.averageEntry(Terms.LINEAR, new BigDecimal("100"), new BigDecimal("40000"),
                new BigDecimal("100"), new BigDecimal("50000"))).isEqualByComparingTo("45000");
    }

    @Test
    void shouldRealiseInversePnlInTheSettlementCurrency() {
        // Long 200 USD entered at 40,000, closed at 50,000: 200 × (1/40000 − 1/50000) = 0.001 BTC.
        assertThat(ContractMath.realisedPnl(INVERSE_USD, true, new BigDecimal("200"), new BigDecimal("40000"),
                new BigDecimal("50000"))).isEqualByComparingTo("0.001");
        assertThat(ContractMath.realisedPnl(INVERSE_USD, false, new BigDecimal("200"), new BigDecimal("40000"),
                new BigDecimal("50000"))).as("the short loses as much").isEqualByComparingTo("-0.001");
        // 3 contracts of 100 USD: the multiplier counts.
        assertThat(ContractMath.realisedPnl(new Terms(true, new BigDecimal("100")), true, new BigDecimal("3"),
                new BigDecimal("40000"), new BigDecimal("50000"))).isEqualByComparingTo("0.0015");
    }

    @Test
    void shouldPublishTheTermsInTheInstrumentEvent() {
        Instrument perp = BTC_PERPETUAL.toEvent();
        assertThat(perp.getUnit()).isEqualTo(QuantityUnit.QUOTE);
        assertThat(perp.getInverse()).isTrue();
        assertThat(perp.getPriceAsset()).isEqualTo("USD");
        assertThat(perp.getSettle()).isEqualTo("BTC");
        assertThat(perp.getContractSize()).isEqualByComparingTo("10");
        assertThat(perp.getTickSizeSteps()).isEmpty();

        Instrument call = BTC_CALL.toEvent();
        assertThat(call.getInverse()).isFalse();
        assertThat(call.getPriceAsset()).isEqualTo("BTC");
        assertThat(call.getQuote()).as("the strike's currency").isEqualTo("USD");
        assertThat(call.getStrike()).isEqualByComparingTo("100000");
        assertThat(call.getTickSizeSteps()).singleElement().satisfies(step -> {
            assertThat(step.getAbovePrice()).isEqualByComparingTo("0.005");
            assertThat(step.getTickSize()).isEqualByComparingTo("0.0005");
        });
    }

    @Test
    void shouldRefuseTermsThatContradictEachOther() {
        TradingRules rules = new TradingRules(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null,
                BigDecimal.ONE);
        assertThatThrownBy(() -> new InstrumentDefinition("deribit", "X", InstrumentId.perpetual("BTC", "USD"), "BTC",
                null, rules, true, QuantityUnit.BASE, true, "USD")).as("inverse in base units")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstrumentDefinition("deribit", "X", InstrumentId.perpetual("BTC", "USD"), "USD",
                null, rules, true, QuantityUnit.QUOTE, true, "USD")).as("inverse settled in its price currency")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstrumentDefinition("deribit", "X", InstrumentId.perpetual("BTC", "USD"), "USD",
                null, rules, true, QuantityUnit.QUOTE, false, "USD")).as("linear in quote units")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
