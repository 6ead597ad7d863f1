package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.USDM;
import static io.exchangebus.streams.positions.Events.fill;
import static io.exchangebus.streams.positions.Events.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.streams.InvalidEventException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FillDeltaTest {
    private static final OrderUpdate PARTLY = order(USDM, "1", Side.BUY, OrderStatus.PARTIALLY_FILLED, "3", "1",
            "100", fill("a", "100", "1", "0.04", "USDT"));

    @Test
    void shouldTakePriceAndFeeOfTheLastFillWhenItIsTheWholeNewPart() {
        FillDelta delta = FillDelta.between(null, PARTLY).orElseThrow();

        assertThat(delta.signedQuantity()).isEqualByComparingTo("1");
        assertThat(delta.price()).isEqualByComparingTo("100");
        assertThat(delta.fee()).isEqualByComparingTo("0.04");
        assertThat(delta.feeAsset()).isEqualTo("USDT");
    }

    @Test
    void shouldAddNothingForTheSameOrAnOlderCumulativeFill() {
        OrderUpdate stale = order(USDM, "1", Side.BUY, OrderStatus.NEW, "3", "0", null, null);

        assertThat(FillDelta.between(PARTLY, PARTLY)).isEmpty();
        assertThat(FillDelta.between(PARTLY, stale)).isEmpty();
    }

    @Test
    void shouldPriceACaughtUpDeltaFromTheChangeInCumulativeCostWithoutAFee() {
        // 1 at 100 seen; 2 more at 115 and 112 missed or partly missed: filled 3 at average 109.
        OrderUpdate later = order(USDM, "1", Side.BUY, OrderStatus.FILLED, "3", "3", "109",
                fill("c", "112", "1", "0.0448", "USDT"));

        FillDelta delta = FillDelta.between(PARTLY, later).orElseThrow();

        assertThat(delta.signedQuantity()).isEqualByComparingTo("2");
        assertThat(delta.price()).isEqualByComparingTo("113.5");
        assertThat(delta.fee()).as("fees of missed updates are unknown").isNull();
    }

    @Test
    void shouldRoundADerivedPriceHalfEvenAtScale18() {
        OrderUpdate later = order(USDM, "1", Side.BUY, OrderStatus.FILLED, "4", "4", "101", null);

        // (101 × 4 − 100 × 1) / 3 = 101.333…
        assertThat(FillDelta.between(PARTLY, later).orElseThrow().price())
                .isEqualTo(new BigDecimal("101.333333333333333333"));
    }

    @Test
    void shouldSubtractASell() {
        OrderUpdate sell = order(USDM, "2", Side.SELL, OrderStatus.FILLED, "0.02", "0.02", "62000",
                fill("s", "62000", "0.02", "0.496", null));

        FillDelta delta = FillDelta.between(null, sell).orElseThrow();

        assertThat(delta.signedQuantity()).isEqualByComparingTo("-0.02");
        assertThat(delta.feeAsset()).isEqualTo(FillDelta.UNKNOWN_FEE_ASSET);
    }

    @Test
    void shouldRejectANewFillWhosePriceCannotBeKnown() {
        OrderUpdate noPrice = order(USDM, "1", Side.BUY, OrderStatus.FILLED, "3", "3", null,
                fill("c", "112", "1", "0.0448", "USDT"));

        assertThatThrownBy(() -> FillDelta.between(PARTLY, noPrice)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("order 1");
    }

    @Test
    void shouldRejectCumulativeFieldsThatGiveANonPositivePrice() {
        OrderUpdate inconsistent = order(USDM, "1", Side.BUY, OrderStatus.FILLED, "3", "3", "30", null);

        assertThatThrownBy(() -> FillDelta.between(PARTLY, inconsistent)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("inconsistent");
    }
}
