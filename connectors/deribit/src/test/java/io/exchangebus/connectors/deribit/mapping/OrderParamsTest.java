package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.deribit.mapping.OrderParams.DeribitRequest;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderParamsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static PlaceOrder.Builder order(OrderType type) {
        return PlaceOrder.newBuilder().setClientOrderId("c-1").setSymbol("BTC-PERPETUAL")
                .setInstrumentId("BTC-USD-PERP").setSide(Side.BUY).setOrderType(type).setTimeInForce(null)
                .setQuantity(new BigDecimal("100.000000000000000000")).setPrice(null).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null);
    }

    private static Map<String, Object> params(PlaceOrder o) {
        Result<DeribitRequest> r = OrderParams.place(o, NOW);
        assertThat(r.isOk()).as(() -> r.isOk() ? "" : r.error().toString()).isTrue();
        return r.value().params();
    }

    private static Map<String, Object> expected(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1] instanceof String s && s.matches("[0-9.]+")
                    ? new BigDecimal(s) : pairs[i + 1]);
        }
        return m;
    }

    private static void refused(PlaceOrder o, String rule) {
        Result<DeribitRequest> r = OrderParams.place(o, NOW);
        assertThat(r.isOk()).isFalse();
        assertThat(r.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(r.error().code()).isEqualTo(rule);
    }

    @Test
    void shouldSendALimitBuyGoodTilCancelledByDefault() {
        Result<DeribitRequest> r = OrderParams.place(order(OrderType.LIMIT).setPrice(new BigDecimal("50000.50"))
                .build(), NOW);

        assertThat(r.value().method()).isEqualTo("private/buy");
        assertThat(r.value().params()).containsExactlyEntriesOf(expected("instrument_name", "BTC-PERPETUAL",
                "amount", "100", "type", "limit", "price", "50000.5", "time_in_force", "good_til_cancelled",
                "label", "c-1"));
        assertThat(((BigDecimal) r.value().params().get("amount")).toString()).isEqualTo("100");
    }

    @Test
    void shouldSendPostOnlyAsRejectedNeverRepriced() {
        Map<String, Object> p = params(order(OrderType.LIMIT_MAKER).setSide(Side.SELL)
                .setPrice(new BigDecimal("50000")).build());

        assertThat(p).containsEntry("type", "limit").containsEntry("post_only", true)
                .containsEntry("reject_post_only", true).containsEntry("time_in_force", "good_til_cancelled");
        refused(order(OrderType.LIMIT_MAKER).setPrice(BigDecimal.TEN).setTimeInForce(TimeInForce.IOC).build(),
                "TIME_IN_FORCE");
    }

    @Test
    void shouldSendMarketOrdersWithoutTimeInForceOrPrice() {
        Result<DeribitRequest> r = OrderParams.place(order(OrderType.MARKET).setSide(Side.SELL).setReduceOnly(true)
                .build(), NOW);

        assertThat(r.value().method()).isEqualTo("private/sell");
        assertThat(r.value().params()).containsExactlyEntriesOf(expected("instrument_name", "BTC-PERPETUAL",
                "amount", "100", "type", "market", "reduce_only", true, "label", "c-1"));
        refused(order(OrderType.MARKET).setTimeInForce(TimeInForce.IOC).build(), "TIME_IN_FORCE");
        refused(order(OrderType.MARKET).setPrice(BigDecimal.TEN).build(), "PRICE");
    }

    @Test
    void shouldSendIocAndFokAsLimitWithTheirTimeInForce() {
        assertThat(params(order(OrderType.IMMEDIATE_OR_CANCEL).setPrice(BigDecimal.TEN).build()))
                .containsEntry("type", "limit").containsEntry("time_in_force", "immediate_or_cancel");
        assertThat(params(order(OrderType.FILL_OR_KILL).setPrice(BigDecimal.TEN).build()))
                .containsEntry("type", "limit").containsEntry("time_in_force", "fill_or_kill");
        assertThat(params(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setTimeInForce(TimeInForce.IOC).build()))
                .containsEntry("time_in_force", "immediate_or_cancel");
        refused(order(OrderType.FILL_OR_KILL).setPrice(BigDecimal.TEN).setTimeInForce(TimeInForce.GTC).build(),
                "TIME_IN_FORCE");
    }

    @Test
    void shouldSendStopOrdersWithTriggerPrice() {
        Map<String, Object> stopLimit = params(order(OrderType.STOP_LIMIT).setPrice(new BigDecimal("49000"))
                .setStopPrice(new BigDecimal("49500")).build());
        Map<String, Object> stopMarket = params(order(OrderType.STOP_MARKET).setStopPrice(new BigDecimal("49500"))
                .build());

        assertThat(stopLimit).containsEntry("type", "stop_limit").containsEntry("price", new BigDecimal("49000"))
                .containsEntry("trigger_price", new BigDecimal("49500")).containsEntry("trigger", "last_price")
                .containsEntry("time_in_force", "good_til_cancelled");
        assertThat(stopMarket).containsEntry("type", "stop_market")
                .containsEntry("trigger_price", new BigDecimal("49500")).doesNotContainKey("time_in_force")
                .doesNotContainKey("price");
        refused(order(OrderType.STOP_MARKET).build(), "STOP_PRICE");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setStopPrice(BigDecimal.ONE).build(), "STOP_PRICE");
    }

    @Test
    void shouldSendGtdOnlyAsGoodTilDayEndingAtTheNextSessionEnd() {
        Instant sessionEnd = Instant.parse("2025-03-02T08:00:00Z");

        assertThat(params(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setTimeInForce(TimeInForce.GTD)
                .setGoodTillTime(sessionEnd).build())).containsEntry("time_in_force", "good_til_day");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setTimeInForce(TimeInForce.GTD)
                .setGoodTillTime(sessionEnd.plusSeconds(3600)).build(), "GOOD_TILL_TIME");
        assertThat(OrderParams.sessionEnd(Instant.parse("2025-03-02T07:59:59Z"))).isEqualTo(sessionEnd);
        assertThat(OrderParams.sessionEnd(sessionEnd)).isEqualTo(Instant.parse("2025-03-03T08:00:00Z"));
    }

    @Test
    void shouldRefuseWhatDeribitWouldTakeDifferently() {
        refused(order(OrderType.LIMIT).build(), "PRICE");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setInstrumentId("ETH-USD-PERP").build(),
                "INSTRUMENT");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setSymbol("BTC-FS-27DEC24_PERP")
                .setInstrumentId("BTC-USD-PERP").build(), "INSTRUMENT");
        refused(order(OrderType.UNKNOWN).build(), "ORDER_TYPE");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setClientOrderId("").build(), "CLIENT_ORDER_ID");
        refused(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setQuantity(BigDecimal.ZERO).build(), "QUANTITY");
    }

    @Test
    void shouldHashALabelLongerThanSixtyFourCharacters() {
        String ours = "x".repeat(65);

        Object label = params(order(OrderType.LIMIT).setPrice(BigDecimal.TEN).setClientOrderId(ours).build())
                .get("label");

        assertThat((String) label).startsWith("eb").hasSize(42);
        assertThat(DeribitLabels.SCHEME.isDerivable(ours)).isFalse();
        assertThat(DeribitLabels.SCHEME.derivedOurs("O-19700101-000000-001-001-1"))
                .contains("O-19700101-000000-001-001-1");
    }

    @Test
    void shouldEditAmountAndPriceKeepingPostOnly() {
        OrderUpdate current = OrderUpdate.newBuilder().setExchange("deribit").setAccount("main")
                .setSymbol("ETH_USDC-PERPETUAL").setInstrumentId("ETH-USDC-PERP").setClientOrderId("c-1")
                .setExchangeOrderId("USDC-1").setSide(Side.BUY).setOrderType(OrderType.LIMIT_MAKER)
                .setTimeInForce(TimeInForce.GTC).setStatus(io.exchangebus.events.OrderStatus.NEW)
                .setPrice(new BigDecimal("3000")).setQuantity(new BigDecimal("0.002"))
                .setFilledQuantity(BigDecimal.ZERO).setReceiveTime(NOW).setSource(EventSource.STREAM).build();

        DeribitRequest edit = OrderParams.edit(current, null, new BigDecimal("3067.20")).value();

        assertThat(edit.method()).isEqualTo("private/edit");
        assertThat(edit.params()).containsExactlyEntriesOf(expected("order_id", "USDC-1", "amount", "0.002",
                "price", "3067.2", "post_only", true, "reject_post_only", true));
        OrderUpdate market = OrderUpdate.newBuilder(current).setOrderType(OrderType.MARKET).build();
        assertThat(OrderParams.edit(market, null, BigDecimal.ONE).error().code()).isEqualTo("REPLACE_ORDER");
    }

    @Test
    void shouldCancelByOrderIdElseByLabelAndCancelAll() {
        CancelOrder byId = CancelOrder.newBuilder().setSymbol("BTC-PERPETUAL").setInstrumentId("BTC-USD-PERP")
                .setClientOrderId("c-1").setExchangeOrderId("123").build();
        CancelOrder byLabel = CancelOrder.newBuilder(byId).setExchangeOrderId(null).build();

        assertThat(OrderParams.cancel(byId).value()).isEqualTo(new DeribitRequest("private/cancel",
                Map.of("order_id", "123")));
        assertThat(OrderParams.cancel(byLabel).value()).isEqualTo(new DeribitRequest("private/cancel_by_label",
                Map.of("label", "c-1")));
        assertThat(OrderParams.cancel(CancelOrder.newBuilder(byLabel).setClientOrderId(null).build()).error().code())
                .isEqualTo("ORDER_REFERENCE");
        assertThat(OrderParams.cancelAll(CancelAll.newBuilder().setSymbol(null).setInstrumentId(null).build())
                .value().method()).isEqualTo("private/cancel_all");
        assertThat(OrderParams.cancelAll(CancelAll.newBuilder().setSymbol("BTC-PERPETUAL")
                .setInstrumentId("BTC-USD-PERP").build()).value())
                .isEqualTo(new DeribitRequest("private/cancel_all_by_instrument",
                        Map.of("instrument_name", "BTC-PERPETUAL")));
    }
}
