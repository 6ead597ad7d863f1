package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommitterTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00.123456Z");

    @Test
    void shouldCopyAnUpdateUnderOurClientOrderIdWithEveryOtherFieldAsItWasAndTheOriginalUntouched() {
        OrderUpdate theirs = everyFieldSet();
        OrderUpdate before = everyFieldSet();

        OrderUpdate ours = Committer.withClientOrderId(theirs, "our-id-1");

        assertThat(ours.getClientOrderId()).isEqualTo("our-id-1");
        assertThat(theirs).isEqualTo(before);
        for (int i = 0; i < OrderUpdate.SCHEMA$.getFields().size(); i++) {
            if (i != OrderUpdate.SCHEMA$.getField("clientOrderId").pos()) {
                assertThat(ours.get(i)).as(OrderUpdate.SCHEMA$.getFields().get(i).name()).isSameAs(theirs.get(i));
            }
        }
        ours.setClientOrderId(theirs.getClientOrderId());
        assertThat(ours).isEqualTo(theirs);
    }

    /** An update with a value in every field, nullable ones included. */
    private static OrderUpdate everyFieldSet() {
        Fill fill = Fill.newBuilder().setTradeId("t-9").setPrice(new BigDecimal("101.5"))
                .setQuantity(new BigDecimal("0.25")).setFee(new BigDecimal("0.0001")).setFeeAsset("BNB")
                .setLiquidity(Liquidity.MAKER).setExchangeTime(T0).build();
        return OrderUpdate.newBuilder()
                .setExchange("binance-spot").setAccount("acct-1").setSymbol("BTCUSDT")
                .setInstrumentId("binance-spot:BTCUSDT").setClientOrderId("x-hashed-id").setExchangeOrderId("42")
                .setSide(Side.BUY).setOrderType(OrderType.STOP_LIMIT).setTimeInForce(TimeInForce.GTC)
                .setStatus(OrderStatus.PARTIALLY_FILLED).setPrice(new BigDecimal("101.5"))
                .setStopPrice(new BigDecimal("100")).setQuantity(new BigDecimal("1"))
                .setFilledQuantity(new BigDecimal("0.25")).setAveragePrice(new BigDecimal("101.5"))
                .setLastFill(fill).setReason("partly filled").setExchangeTime(T0)
                .setReceiveTime(T0.plusMillis(3)).setSource(EventSource.STREAM).setSubAccount("sub-7")
                .build();
    }
}
