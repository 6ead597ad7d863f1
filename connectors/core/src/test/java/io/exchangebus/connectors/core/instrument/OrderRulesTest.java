package io.exchangebus.connectors.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.ErrorKind;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderRulesTest {
    /** BTCUSDT's filters from Binance's exchangeInfo: tick 0.01, step 0.00001, min qty 0.00001, min notional 5. */
    private static final InstrumentDefinition BTCUSDT = new InstrumentDefinition("binance-spot", "BTCUSDT",
            InstrumentId.spot("BTC", "USDT"), "USDT", null,
            new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                    new BigDecimal("9000"), new BigDecimal("5"), BigDecimal.ONE), true);

    @ParameterizedTest(name = "price {0} quantity {1} passes")
    @CsvSource({"65000.01,0.001", "65000,0.00008", "0.01,500", "65000.10,9000"})
    void shouldPassOrdersThatKeepEveryRule(String price, String quantity) {
        assertThat(OrderRules.check(BTCUSDT, new BigDecimal(price), new BigDecimal(quantity), null)).isEmpty();
    }

    @ParameterizedTest(name = "price {0} quantity {1} breaks {2}")
    @CsvSource({
            "65000.005,0.001,TICK_SIZE",
            "0,0.001,PRICE_POSITIVE",
            "-1,0.001,PRICE_POSITIVE",
            "65000,0.000015,LOT_SIZE",
            "65000,0,QUANTITY_POSITIVE",
            "65000,9000.00001,MAX_QUANTITY",
            "65000,0.00007,MIN_NOTIONAL"})
    void shouldRefuseAnOrderNamingTheRuleItBreaks(String price, String quantity, String rule) {
        Optional<ExchangeError> error = OrderRules.check(BTCUSDT, new BigDecimal(price), new BigDecimal(quantity), null);

        assertThat(error).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ORDER);
            assertThat(e.code()).isEqualTo(rule);
            assertThat(e.retryable()).isFalse();
            assertThat(e.message()).contains("BTCUSDT");
        });
    }

    @Test
    void shouldSayWhichValuesBrokeTheTickRule() {
        assertThat(OrderRules.check(BTCUSDT, new BigDecimal("65000.005"), new BigDecimal("0.001"), null))
                .hasValueSatisfying(e -> assertThat(e.message())
                        .isEqualTo("price 65000.005 is not a multiple of the tick size 0.01 for BTCUSDT"));
    }

    @Test
    void shouldValueAMarketOrderAtTheReferencePriceForTheNotionalRule() {
        assertThat(OrderRules.check(BTCUSDT, null, new BigDecimal("0.00007"), new BigDecimal("65000")))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("MIN_NOTIONAL"));
        assertThat(OrderRules.check(BTCUSDT, null, new BigDecimal("0.0001"), new BigDecimal("65000"))).isEmpty();
        assertThat(OrderRules.check(BTCUSDT, null, new BigDecimal("0.00007"), null)).as("no reference: unchecked")
                .isEmpty();
    }

    @Test
    void shouldCountTheContractSizeInTheNotional() {
        InstrumentDefinition inverse = new InstrumentDefinition("deribit", "BTC-PERPETUAL",
                InstrumentId.perpetual("BTC", "USD"), "BTC", null,
                new TradingRules(new BigDecimal("0.5"), BigDecimal.ONE, BigDecimal.ONE, null, new BigDecimal("100"),
                        BigDecimal.TEN), true);

        assertThat(OrderRules.check(inverse, new BigDecimal("65000"), BigDecimal.ONE, null)).isEmpty();
        assertThat(OrderRules.check(inverse, new BigDecimal("5"), BigDecimal.ONE, null))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("MIN_NOTIONAL"));
    }
}
