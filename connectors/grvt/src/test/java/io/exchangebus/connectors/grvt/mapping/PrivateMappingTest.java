package io.exchangebus.connectors.grvt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrivateMappingTest {

    private static final PrivateContext CTX = new PrivateContext("main", EventSource.STREAM);
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TR = "ws_trading_streams.docs.jsonl";

    @Test
    void shouldMapTheLiveOpenOrder() {
        JsonNode frame = GrvtFixtures.message("ccxt_comments.jsonl", 9);
        OrderUpdate o = OrderMapping.order(frame.get("feed"), false, CTX, RECEIVED).value();

        assertThat(o.getExchangeOrderId()).isEqualTo("0x010101050390cd89000000007799a374");
        assertThat(o.getClientOrderId()).isEqualTo("747860882");
        assertThat(o.getStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(o.getSide()).isEqualTo(Side.BUY);
        assertThat(o.getOrderType()).isEqualTo(OrderType.LIMIT);
        assertThat(o.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(o.getPrice()).isEqualByComparingTo("87443.0");
        assertThat(o.getQuantity()).isEqualByComparingTo("0.001");
        assertThat(o.getFilledQuantity()).isEqualByComparingTo("0");
        assertThat(o.getAveragePrice()).isNull();
        assertThat(o.getReason()).isNull();
    }

    @Test
    void shouldMapEachStatusAndKeepTheRejectReason() {
        String frame = GrvtFixtures.text(TR, 7);
        assertThat(status(frame, "PENDING")).isEqualTo(OrderStatus.NEW);
        assertThat(status(frame, "OPEN")).isEqualTo(OrderStatus.PARTIALLY_FILLED); // traded_size 1.5
        assertThat(status(frame, "FILLED")).isEqualTo(OrderStatus.FILLED);
        assertThat(status(frame, "CANCELLED")).isEqualTo(OrderStatus.CANCELED);
        OrderUpdate rejected = order(frame.replace("\"status\":\"PENDING\"", "\"status\":\"REJECTED\""));
        assertThat(rejected.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.getReason()).isEqualTo("CLIENT_CANCEL");
        assertThat(OrderMapping.order(GrvtFrame.tree(frame.replace("\"status\":\"PENDING\"", "\"status\":\"NEW\""))
                .get("feed"), false, CTX, RECEIVED).error().message()).isEqualTo("feed.state.status: unknown value NEW");
    }

    @Test
    void shouldReadTheOrderStateInBothForms() {
        GrvtOrderState full = OrderMapping.state(GrvtFixtures.message(TR, 18).get("feed"), false).value();
        GrvtOrderState lite = OrderMapping.state(GrvtFixtures.message(TR, 19).get("f"), true).value();
        assertThat(full.clientOrderId()).isEqualTo("23042");
        assertThat(full.filledQuantity()).isEqualByComparingTo("1.5");
        assertThat(full.averagePrice()).isEqualByComparingTo("60000.4");
        assertThat(lite).isEqualTo(full);
    }

    @Test
    void shouldMapTheFillInBothForms() {
        UserFill full = AccountMapping.fill(GrvtFixtures.message(TR, 40).get("feed"), false).value();
        UserFill lite = AccountMapping.fill(GrvtFixtures.message(TR, 41).get("f"), true).value();
        assertThat(full.side()).isEqualTo(Side.BUY);
        assertThat(full.fill().getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(full.fill().getPrice()).isEqualByComparingTo("65038.01");
        assertThat(full.fill().getQuantity()).isEqualByComparingTo("0.30");
        assertThat(full.fill().getFee()).isEqualByComparingTo("9.75");
        assertThat(full.fill().getFeeAsset()).isEqualTo("USDT");
        assertThat(full.exchangeOrderId()).isEqualTo("0x10000101000203040506");
        assertThat(lite).isEqualTo(full);
    }

    @Test
    void shouldMapThePositionInBothForms() {
        PositionUpdate full = AccountMapping.position(GrvtFixtures.message(TR, 51).get("feed"), false, CTX, RECEIVED)
                .value();
        PositionUpdate lite = AccountMapping.position(GrvtFixtures.message(TR, 52).get("f"), true, CTX, RECEIVED)
                .value();
        assertThat(full.getQuantity()).isEqualByComparingTo("2635000.50");
        assertThat(full.getRealizedPnl()).isEqualByComparingTo("-35000.30");
        assertThat(full.getLiquidationPrice()).isEqualByComparingTo("60000.25");
        assertThat(full.getLeverage()).isEqualByComparingTo("10");
        assertThat(lite).isEqualTo(full);
    }

    @Test
    void shouldMapTheLiveAccountSummary() {
        AccountUpdate a = AccountMapping.accountSummary(GrvtFixtures.message("ccxt_comments.jsonl", 30).get("result"),
                false, CTX, RECEIVED).value();
        assertThat(a.getSubAccount()).isEqualTo("2147050003876484");
        assertThat(a.getMarginAsset()).isEqualTo("USDT");
        assertThat(a.getEquity()).isEqualByComparingTo("15.0");
        assertThat(a.getAvailableBalance()).isEqualByComparingTo("15.0");
        assertThat(a.getCurrencies()).hasSize(1);
        assertThat(a.getCurrencies().get(0).getBalance()).isEqualByComparingTo("15.0");
    }

    private static OrderStatus status(String frame, String status) {
        return order(frame.replace("\"status\":\"PENDING\"", "\"status\":\"" + status + "\"")).getStatus();
    }

    private static OrderUpdate order(String frame) {
        return OrderMapping.order(GrvtFrame.tree(frame).get("feed"), false, CTX, RECEIVED).value();
    }
}
