package io.exchangebus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackSpecTest {

    @ExchangeBusTest(exchanges = {"deribit", "grvt"}, services = {Service.PMS, Service.OMS})
    static class AskingForTwo {
    }

    @ExchangeBusTest(exchanges = {"deribit", "grvt"}, services = {Service.OMS, Service.PMS, Service.OMS})
    static class AskingForTheSameInAnotherOrder {
    }

    @Test
    void shouldShareOneStackBetweenClassesThatAskForTheSameServicesInAnyOrder() {
        assertThat(ExchangeBusExtension.spec(AskingForTwo.class))
                .isEqualTo(ExchangeBusExtension.spec(AskingForTheSameInAnotherOrder.class))
                .isEqualTo(StackSpec.of(List.of("deribit", "grvt"), Service.OMS, Service.PMS));
    }

    @Test
    void shouldRefuseAStackWithoutExchangesOrWithOneTwice() {
        assertThatThrownBy(() -> StackSpec.of(List.of())).hasMessageContaining("at least one exchange");
        assertThatThrownBy(() -> StackSpec.of(List.of("grvt", "grvt"))).hasMessageContaining("named twice");
    }
}
