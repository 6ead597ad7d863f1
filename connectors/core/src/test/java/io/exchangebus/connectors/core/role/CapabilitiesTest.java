package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.OrderType;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void shouldNeedOneCapabilityPerOrderTypeAndDistinctOnes() {
        assertThat(Arrays.stream(OrderType.values()).map(Capabilities::forType).distinct())
                .hasSize(OrderType.values().length);
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
