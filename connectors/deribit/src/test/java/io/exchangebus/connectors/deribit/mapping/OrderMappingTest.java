package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.PrivateMappingTest.NT;
import static io.exchangebus.connectors.deribit.mapping.PrivateMappingTest.NT2;
import static io.exchangebus.connectors.deribit.mapping.PrivateMappingTest.RECEIVED;
import static io.exchangebus.connectors.deribit.mapping.PrivateMappingTest.dec;
import static io.exchangebus.connectors.deribit.mapping.PrivateMappingTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Order objects of buy/sell/edit/cancel results and of edge cases, and fills put on their order. */
class OrderMappingTest {

    private static final PrivateContext RECOVERY = new PrivateContext("main", "96103", EventSource.RECOVERY);

    private static OrderUpdate only(String file, int line) {
        List<OrderUpdate> updates = OrderMapping.fromOrderResult(result(file, line), RECOVERY, RECEIVED);
        assertThat(updates).hasSize(1);
        return updates.get(0);
    }

    @Test
    void shouldMapTheBuyResultToAPostOnlyLinearOrderWithItsLabel() {
        // nautilus line 1-based 2: private/buy over WS, live, ETH_USDC-PERPETUAL post_only limit 0.001 at 2973.55.
        OrderUpdate u = only(NT, 2);

        assertThat(u.getSymbol()).isEqualTo("ETH_USDC-PERPETUAL");
        assertThat(u.getInstrumentId()).isEqualTo("ETH-USDC-PERP");
        assertThat(u.getExchangeOrderId()).isEqualTo("USDC-104819327443");
        assertThat(u.getClientOrderId()).isEqualTo("O-19700101-000000-001-001-1");
        assertThat(u.getSide()).isEqualTo(Side.BUY);
        assertThat(u.getOrderType()).isEqualTo(OrderType.LIMIT_MAKER);
        assertThat(u.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
        dec(u.getPrice(), "2973.55");
        dec(u.getQuantity(), "0.001");
        dec(u.getFilledQuantity(), "0");
        assertThat(u.getAveragePrice()).isNull();
        assertThat(u.getLastFill()).isNull();
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1767978363493L));
        assertThat(u.getSource()).isEqualTo(EventSource.RECOVERY);
    }

    @Test
    void shouldMapTheSellEditAndCancelResults() {
        // nautilus_2 line 27 (sell), 26 (edit: same order id, new price 3067.2), 25 (cancel: the order itself).
        OrderUpdate sell = only(NT2, 27);
        OrderUpdate edit = only(NT2, 26);
        OrderUpdate cancel = only(NT2, 25);

        assertThat(sell.getSide()).isEqualTo(Side.SELL);
        assertThat(sell.getExchangeOrderId()).isEqualTo("USDC-104819327458");
        assertThat(sell.getClientOrderId()).isEqualTo("O-19700101-000000-001-001-2");
        dec(sell.getPrice(), "3286.7");
        assertThat(edit.getExchangeOrderId()).isEqualTo("USDC-104819327443");
        assertThat(edit.getStatus()).isEqualTo(OrderStatus.NEW);
        dec(edit.getPrice(), "3067.2");
        assertThat(edit.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1767978368488L));
        assertThat(cancel.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(cancel.getReason()).isEqualTo("user_request");
        assertThat(cancel.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1767978373490L));
        dec(cancel.getFilledQuantity(), "0");
    }

    @Test
    void shouldReadTheMarketPriceOfAnUntriggeredStopMarketOrder() {
        // nautilus_2 line 29: stop_market, "price": "market_price", trigger_price 2228.0, untriggered, reduce_only.
        OrderUpdate u = only(NT2, 29);

        assertThat(u.getOrderType()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(u.getPrice()).isNull();
        assertThat(u.getTimeInForce()).isNull();
        dec(u.getStopPrice(), "2228.0");
        dec(u.getQuantity(), "0.01");
        dec(u.getFilledQuantity(), "0");
        assertThat(u.getSide()).isEqualTo(Side.SELL);
    }

    @Test
    void shouldTakeAMissingFilledAmountOfAnUntriggeredOrderAsZero() {
        // nautilus_2 line 28: the same without filled_amount and average_price (NautilusTrader #3995).
        OrderUpdate u = only(NT2, 28);

        assertThat(u.getInstrumentId()).isEqualTo("BTC-USDC-PERP");
        assertThat(u.getExchangeOrderId()).isEqualTo("USDC-SLMB-19641");
        dec(u.getFilledQuantity(), "0");
        assertThat(u.getAveragePrice()).isNull();
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void shouldRefuseAMissingFilledAmountOnAnOpenOrder() {
        ObjectNode o = (ObjectNode) result(NT2, 28).get("order");
        o.put("order_state", "open");

        assertThatThrownBy(() -> OrderMapping.order(o, RECOVERY, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("filled_amount");
    }

    @ParameterizedTest
    @CsvSource({
        "open,0,NEW", "open,0.0005,PARTIALLY_FILLED", "untriggered,0,NEW", "triggered,0,NEW",
        "filled,0.001,FILLED", "cancelled,0,CANCELED", "cancelled,0.0005,CANCELED", "rejected,0,REJECTED"})
    void shouldMapEveryOrderState(String state, String filled, OrderStatus expected) {
        ObjectNode o = (ObjectNode) result(NT, 2).get("order");
        o.put("order_state", state);
        o.put("filled_amount", new java.math.BigDecimal(filled));

        assertThat(OrderMapping.order(o, RECOVERY, RECEIVED).getStatus()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "limit,false,LIMIT", "limit,true,LIMIT_MAKER", "market,false,MARKET", "stop_limit,false,STOP_LIMIT",
        "stop_market,false,STOP_MARKET", "take_limit,false,UNKNOWN", "take_market,false,UNKNOWN",
        "market_limit,false,UNKNOWN", "trailing_stop,false,UNKNOWN"})
    void shouldMapEveryOrderType(String type, boolean postOnly, OrderType expected) {
        assertThat(OrderMapping.type(type, postOnly)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"good_til_cancelled,GTC", "good_til_day,GTD", "immediate_or_cancel,IOC", "fill_or_kill,FOK"})
    void shouldMapEveryTimeInForce(String tif, TimeInForce expected) {
        ObjectNode o = (ObjectNode) result(NT, 2).get("order");
        o.put("time_in_force", tif);
        o.put("post_only", false);

        assertThat(OrderMapping.order(o, RECOVERY, RECEIVED).getTimeInForce()).isEqualTo(expected);
    }

    @Test
    void shouldRefuseUnknownValuesNamingTheField() {
        ObjectNode state = (ObjectNode) result(NT, 2).get("order");
        state.put("order_state", "archive");
        ObjectNode type = (ObjectNode) result(NT, 2).get("order");
        type.put("order_type", "liquidation");
        ObjectNode price = (ObjectNode) result(NT, 2).get("order");
        price.put("price", "best");

        assertThatThrownBy(() -> OrderMapping.order(state, RECOVERY, RECEIVED)).hasMessageContaining("order_state");
        assertThatThrownBy(() -> OrderMapping.order(type, RECOVERY, RECEIVED)).hasMessageContaining("order_type");
        assertThatThrownBy(() -> OrderMapping.order(price, RECOVERY, RECEIVED)).hasMessageContaining("price");
    }

    @Test
    void shouldPutEachFillOnItsOwnUpdateWithTheFilledQuantityOfThatMoment() {
        // nautilus_2 line 36: order BTC-101 has two fills (trade_seq 1 and 2); the order says 200000000.246913577
        // filled (their sum) and is filled.
        JsonNode trades = DeribitFields.readTree(io.exchangebus.connectors.deribit.DeribitFixtures.raw(NT2, 36))
                .path("params").path("data");
        List<UserFill> fills = UserTradeMapping.fills(trades);
        ObjectNode o = (ObjectNode) result(NT, 2).get("order");
        o.put("order_id", "BTC-101").put("instrument_name", "BTC-PERPETUAL").put("order_state", "filled")
                .put("post_only", false);
        o.put("amount", new java.math.BigDecimal("200000000.246913577"));
        o.put("filled_amount", new java.math.BigDecimal("200000000.246913577"));
        o.put("average_price", new java.math.BigDecimal("100000000.1234567885"));

        List<OrderUpdate> updates = OrderMapping.withFills(OrderMapping.order(o, RECOVERY, RECEIVED), fills);

        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getLastFill().getTradeId()).isEqualTo("BTC-1");
        assertThat(updates.get(0).getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        dec(updates.get(0).getFilledQuantity(), "100000000.123456789");
        assertThat(updates.get(0).getAveragePrice()).isNull();
        assertThat(updates.get(1).getLastFill().getTradeId()).isEqualTo("BTC-2");
        assertThat(updates.get(1).getStatus()).isEqualTo(OrderStatus.FILLED);
        dec(updates.get(1).getFilledQuantity(), "200000000.246913577");
        dec(updates.get(1).getAveragePrice(), "100000000.1234567885");
    }

    @Test
    void shouldRefuseFillsThatAddUpToMoreThanTheFilledAmount() {
        JsonNode trades = DeribitFields.readTree(io.exchangebus.connectors.deribit.DeribitFixtures.raw(NT2, 36))
                .path("params").path("data");
        ObjectNode o = (ObjectNode) result(NT, 2).get("order");
        o.put("order_id", "BTC-101").put("instrument_name", "BTC-PERPETUAL");
        o.put("filled_amount", new java.math.BigDecimal("1"));

        OrderUpdate order = OrderMapping.order(o, RECOVERY, RECEIVED);
        assertThatThrownBy(() -> OrderMapping.withFills(order, UserTradeMapping.fills(trades)))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("more than its filled_amount");
    }
}
