package io.exchangebus.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Ticker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRangesTest {

    private static BookUpdate book(String price, String quantity) {
        return new BookUpdate("deribit", "BTC-PERPETUAL", "BTC-USD-PERP", BookUpdateKind.DELTA, false, 0, 2L, 1L,
                List.of(new PriceLevel(new BigDecimal(price), new BigDecimal(quantity))), List.of(), Instant.EPOCH,
                Instant.EPOCH, null);
    }

    @Test
    void shouldFindTheSixValuesOfTheBinanceFuzzRunAndPassAGoodEvent() {
        assertThat(EventRanges.violations(book("65000.5", "1200"))).isEmpty();
        assertThat(EventRanges.violations(book("65000.5", "0"))).isEmpty();
        assertThat(EventRanges.violations(book("65000.5", "-1")))
                .containsExactly("PriceLevel.quantity: -1 (must be NON_NEGATIVE)");
        assertThat(EventRanges.violations(book("65000.5", "-0.00000001"))).hasSize(1);
        assertThat(EventRanges.violations(book("1E+38", "1"))).singleElement().asString()
                .contains("more than 20 integer digits");
        assertThat(EventRanges.violations(book("0", "1"))).singleElement().asString().contains("POSITIVE");
        assertThat(EventRanges.violations(book("0.0000000000000000001", "1"))).anySatisfy(v ->
                assertThat(v).contains("more than 18 decimal places"));
    }

    @Test
    void shouldLeaveSignedFieldsAloneButCheckTheirPrecision() {
        Ticker t = Ticker.newBuilder().setExchange("deribit").setSymbol("BTC-PERPETUAL").setInstrumentId("BTC-USD-PERP")
                .setFundingRate(new BigDecimal("-0.0001")).setReceiveTime(Instant.EPOCH).build();
        assertThat(EventRanges.violations(t)).isEmpty();
        t.setBidQuantity(new BigDecimal("-5"));
        assertThat(EventRanges.violations(t)).containsExactly("Ticker.bidQuantity: -5 (must be NON_NEGATIVE)");
    }

    @Test
    void shouldRefuseANegativeMarginButNotANegativeEquity() {
        AccountUpdate ok = account("-5", "0");
        AccountUpdate bad = account("10", "-0.5");
        assertThat(EventRanges.violations(ok)).isEmpty();
        assertThat(EventRanges.violations(bad))
                .containsExactly("AccountUpdate.initialMargin: -0.5 (must be NON_NEGATIVE)");
    }

    private static AccountUpdate account(String equity, String initialMargin) {
        return AccountUpdate.newBuilder().setExchange("grvt").setAccount("main").setMarginAsset("USDT")
                .setEquity(new BigDecimal(equity)).setInitialMargin(new BigDecimal(initialMargin))
                .setReceiveTime(Instant.EPOCH).setSource(EventSource.STREAM).build();
    }
}
