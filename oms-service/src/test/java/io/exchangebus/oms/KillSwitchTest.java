package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.CancelAll;
import io.exchangebus.events.OrderCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
    private static final Function<OrderCommand, OrderCommand> SAME = c -> c;

    private static OrderCommand place(String account) {
        return OmsTestStack.command("binance-spot", account, OmsTestStack.limitBuy("1.00", "1"), null);
    }

    private static OrderCommand cancelAll(String exchange, String account) {
        return OmsTestStack.command(exchange, account, new CancelAll(null, null), null);
    }

    @Test
    void shouldPutCancelAllsFirstAndKeepTheOrderOfTheRest() {
        OrderCommand a = place("main");
        OrderCommand kill = cancelAll("binance-spot", "main");
        OrderCommand b = place("other");
        List<OrderCommand> batch = new ArrayList<>(Arrays.asList(a, null, kill, b));

        assertThat(KillSwitch.order(batch, SAME)).containsExactly(kill, a, null, b);
    }

    @Test
    void shouldStopOnlyTheAccountOrTheExchangeItNames() {
        KillSwitch account = KillSwitch.of(List.of(place("main"), cancelAll("binance-spot", "main")), SAME);
        KillSwitch exchange = KillSwitch.of(List.of(cancelAll("binance-usdm", KillSwitch.ALL_ACCOUNTS)), SAME);

        assertThat(account.stops("binance-spot", "main")).isTrue();
        assertThat(account.stops("binance-spot", "other")).isFalse();
        assertThat(account.stops("binance-usdm", "main")).isFalse();
        assertThat(exchange.stops("binance-usdm", "anyone")).isTrue();
        assertThat(exchange.stops("binance-spot", "anyone")).isFalse();
        assertThat(KillSwitch.none().stops("binance-spot", "main")).isFalse();
    }
}
