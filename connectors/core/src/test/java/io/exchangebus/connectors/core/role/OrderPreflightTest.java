package io.exchangebus.connectors.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OrderPreflightTest {
    private static final String EXCHANGE = "binance-usdm";
    private static final InstrumentDefinition BTC_PERP = new InstrumentDefinition(EXCHANGE, "BTCUSDT",
            InstrumentId.perpetual("BTC", "USDT"), "USDT", null,
            new TradingRules(new BigDecimal("0.10"), new BigDecimal("0.001"), new BigDecimal("0.001"),
                    new BigDecimal("1000"), new BigDecimal("100"), BigDecimal.ONE), true);
    private static final InstrumentDefinition HALTED = new InstrumentDefinition(EXCHANGE, "ETHUSDT",
            InstrumentId.perpetual("ETH", "USDT"), "USDT", null, BTC_PERP.rules(), false);

    private final OrderPreflight preflight = new OrderPreflight(
            Capabilities.of(EXCHANGE, EnumSet.of(Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                    Capability.ORDER_STOP_MARKET, Capability.REDUCE_ONLY)),
            registry());

    @Test
    void shouldPassAValidLimitOrderAndNameItsInstrument() {
        Result<InstrumentDefinition> result = preflight.check(limit(o -> { }), null);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value()).isEqualTo(BTC_PERP);
    }

    @Test
    void shouldRefuseAnOrderTypeTheExchangeCannotTakeBeforeAnythingElse() {
        assertRefused(limit(o -> o.setOrderType(OrderType.FILL_OR_KILL)), "UNSUPPORTED", "ORDER_FILL_OR_KILL");
        assertRefused(limit(o -> o.setTimeInForce(TimeInForce.GTD)), "UNSUPPORTED", "TIME_IN_FORCE_GTD");
    }

    @Test
    void shouldRefuseUnknownOrHaltedInstrumentsAndMismatchedSymbols() {
        assertRefused(limit(o -> o.setInstrumentId("SOL-USDT-PERP")), "UNKNOWN_INSTRUMENT", "SOL-USDT-PERP");
        assertRefused(limit(o -> o.setInstrumentId("not an id")), "UNKNOWN_INSTRUMENT", "not an id");
        assertRefused(limit(o -> o.setSymbol("ETHUSDT")), "SYMBOL_MISMATCH", "BTCUSDT");
        assertRefused(limit(o -> {
            o.setSymbol("ETHUSDT");
            o.setInstrumentId("ETH-USDT-PERP");
        }), "NOT_TRADING", "ETHUSDT");
    }

    @Test
    void shouldRefuseFieldsThatDoNotFitTheOrderType() {
        assertRefused(limit(o -> o.setPrice(null)), "PRICE_REQUIRED", "LIMIT");
        assertRefused(limit(o -> o.setOrderType(OrderType.MARKET)), "PRICE_NOT_ALLOWED", "MARKET");
        assertRefused(limit(o -> {
            o.setOrderType(OrderType.STOP_MARKET);
            o.setPrice(null);
        }), "STOP_PRICE_REQUIRED", "STOP_MARKET");
        assertRefused(limit(o -> o.setGoodTillTime(Instant.parse("2026-12-01T00:00:00Z"))), "GOOD_TILL_TIME", "GTD");
    }

    @Test
    void shouldRefuseAPriceOrQuantityThatBreaksTheInstrumentsRules() {
        assertRefused(limit(o -> o.setPrice(new BigDecimal("65000.05"))), "TICK_SIZE", "0.1");
        assertRefused(limit(o -> o.setQuantity(new BigDecimal("0.0015"))), "LOT_SIZE", "0.001");
        assertRefused(limit(o -> o.setQuantity(new BigDecimal("0.001"))), "MIN_NOTIONAL", "100");
        assertRefused(limit(o -> {
            o.setOrderType(OrderType.STOP_MARKET);
            o.setPrice(null);
            o.setStopPrice(new BigDecimal("64000.01"));
        }), "TICK_SIZE", "64000.01");
    }

    @Test
    void shouldRefuseAnOrderOnAnInstrumentNoLongerListedSayingSo() {
        InstrumentRegistry registry = registry();
        registry.refresh(List.of(HALTED));
        OrderPreflight afterRefresh = new OrderPreflight(Capabilities.of(EXCHANGE,
                EnumSet.of(Capability.ORDER_LIMIT)), registry);

        Result<InstrumentDefinition> result = afterRefresh.check(limit(o -> { }), null);

        assertThat(result.error().code()).isEqualTo("UNKNOWN_INSTRUMENT");
        assertThat(result.error().message()).isEqualTo("instrument BTC-USDT-PERP (BTCUSDT) is no longer listed on "
                + "binance-usdm: it left the exchange's instrument list (expired or delisted)");
    }

    private void assertRefused(PlaceOrder order, String rule, String mentioned) {
        Result<InstrumentDefinition> result = preflight.check(order, null);

        assertThat(result.isOk()).as("refused").isFalse();
        assertThat(result.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(result.error().code()).isEqualTo(rule);
        assertThat(result.error().message()).contains(mentioned);
        assertThat(result.error().retryable()).isFalse();
    }

    private static PlaceOrder limit(Consumer<PlaceOrder> change) {
        PlaceOrder order = PlaceOrder.newBuilder()
                .setClientOrderId("c-1").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT-PERP")
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(new BigDecimal("0.010")).setPrice(new BigDecimal("65000.10")).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null)
                .build();
        change.accept(order);
        return order;
    }

    private static InstrumentRegistry registry() {
        InstrumentRegistry registry = new InstrumentRegistry(EXCHANGE);
        registry.replaceAll(List.of(BTC_PERP, HALTED));
        return registry;
    }
}
