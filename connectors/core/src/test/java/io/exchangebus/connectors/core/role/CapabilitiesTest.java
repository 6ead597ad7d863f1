package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void shouldNeedOneCapabilityPerOrderTypeAndDistinctOnes() {
        assertThat(Arrays.stream(OrderType.values()).filter(t -> t != OrderType.UNKNOWN)
                .map(Capabilities::forType).distinct()).hasSize(OrderType.values().length - 1);
    }

    @Test
    void shouldRefuseAnOrderTypeOrTimeInForceAddedAfterThisVersionAsInvalid() {
        Capabilities all = Capabilities.of("binance-usdm", EnumSet.allOf(Capability.class));
        PlaceOrder order = PlaceOrder.newBuilder().setClientOrderId("c-1").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP")
                .setSide(Side.BUY).setOrderType(OrderType.UNKNOWN).setQuantity(BigDecimal.ONE).setReduceOnly(false).build();

        assertThat(all.check(order)).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ORDER);
            assertThat(e.code()).isEqualTo("UNKNOWN_ORDER_TYPE");
        });
        order.setOrderType(OrderType.LIMIT);
        order.setTimeInForce(TimeInForce.UNKNOWN);
        assertThat(all.check(order)).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("UNKNOWN_TIME_IN_FORCE"));
    }

    @Test
    void shouldNameAMissingCapabilityAndTheExchange() {
        Capabilities spot = Capabilities.of("binance-spot", EnumSet.of(Capability.ORDER_LIMIT));

        assertThat(spot.require(Capability.ORDER_LIMIT)).isEmpty();
        assertThat(spot.require(Capability.POSITIONS)).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("UNSUPPORTED");
            assertThat(e.message()).isEqualTo("binance-spot does not support POSITIONS");
        });
    }
}
