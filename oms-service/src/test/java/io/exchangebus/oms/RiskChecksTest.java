package io.exchangebus.oms;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.QuantityUnit;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskChecksTest {
    private static final InstrumentDefinition BTC = new InstrumentDefinition("binance-spot", "BTCUSDT",
            InstrumentId.spot("BTC", "USDT"), "USDT", null, new TradingRules(new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), null, new BigDecimal("5"), BigDecimal.ONE), true);

    private final TopOfBook books = new TopOfBook();
    private final OpenOrders open = new OpenOrders();

    private RiskChecks checks(String maxQuantity, String maxNotional, int maxOpen, String band) {
        return new RiskChecks(new RiskLimits(maxQuantity == null ? null : new BigDecimal(maxQuantity),
                maxNotional == null ? null : new BigDecimal(maxNotional), maxOpen, new BigDecimal(band)), books,
                open);
    }

    private void book(String bid, String ask) {
        books.apply(BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT").setInstrumentId("BTC-USDT")
                .setKind(BookUpdateKind.SNAPSHOT).setDepth(1).setSequence(1).setPreviousSequence(null)
                .setBids(List.of(new PriceLevel(new BigDecimal(bid), BigDecimal.ONE)))
                .setAsks(List.of(new PriceLevel(new BigDecimal(ask), BigDecimal.ONE)))
                .setExchangeTime(null).setReceiveTime(Instant.EPOCH).build());
    }

    private static PlaceOrder order(OrderType type, String price, String quantity) {
        return PlaceOrder.newBuilder(OmsTestStack.limitBuy("1.00", quantity)).setOrderType(type)
                .setTimeInForce(null).setPrice(price == null ? null : new BigDecimal(price)).build();
    }

    private static String code(Optional<Refusal> refusal) {
        return refusal.map(Refusal::code).orElse("passes");
    }

    @Test
    void shouldRefuseAPriceOutsideTheBandAroundTheMidAndPassOneInside() {
        book("99.00", "101.00");
        RiskChecks checks = checks(null, null, 10, "0.05");

        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "95.00", "1")))).isEqualTo("passes");
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "94.99", "1")))).isEqualTo("PRICE_BAND");
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "105.01", "1")))).isEqualTo("PRICE_BAND");
    }

    @Test
    void shouldRefuseWhenTheBandIsOnAndNoBookIsKnownButNotWhenItIsOff() {
        assertThat(code(checks(null, null, 10, "0.05").check("main", BTC, order(OrderType.LIMIT, "95.00", "1"))))
                .isEqualTo("NO_CURRENT_BOOK");
        assertThat(code(checks(null, null, 10, "0").check("main", BTC, order(OrderType.LIMIT, "95.00", "1"))))
                .isEqualTo("passes");
    }

    @Test
    void shouldValueAMarketOrderAtTheBestOppositePriceForTheNotionalLimit() {
        book("99.00", "101.00");
        RiskChecks checks = checks(null, "1010", 10, "0");

        assertThat(code(checks.check("main", BTC, order(OrderType.MARKET, null, "10")))).isEqualTo("passes");
        assertThat(code(checks.check("main", BTC, order(OrderType.MARKET, null, "10.00001"))))
                .isEqualTo("MAX_ORDER_NOTIONAL");
    }

    @Test
    void shouldValueAnInverseContractAtItsFaceValueWithoutABook() {
        // Deribit BTC-PERPETUAL: quantity in USD, so an order's notional is its quantity whatever the price.
        InstrumentDefinition perp = new InstrumentDefinition("deribit", "BTC-PERPETUAL",
                InstrumentId.perpetual("BTC", "USD"), "BTC", null, new TradingRules(new BigDecimal("0.5"),
                BigDecimal.TEN, BigDecimal.TEN, null, null, BigDecimal.TEN), true, QuantityUnit.QUOTE, true, "USD");
        RiskChecks checks = checks(null, "1000", 10, "0");

        assertThat(code(checks.check("main", perp, order(OrderType.MARKET, null, "1000")))).isEqualTo("passes");
        assertThat(code(checks.check("main", perp, order(OrderType.LIMIT, "65000.0", "1010"))))
                .isEqualTo("MAX_ORDER_NOTIONAL");
        assertThat(code(checks.check("main", perp, order(OrderType.LIMIT, "5.0", "1000")))).as("not price x quantity")
                .isEqualTo("passes");
    }

    @Test
    void shouldRefuseAQuantityAboveTheLimitAndANewOrderBeyondTheOpenOrders() {
        RiskChecks checks = checks("2", null, 1, "0");
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "95.00", "2.00001"))))
                .isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "95.00", "2")))).isEqualTo("passes");

        open.note(update("1", OrderStatus.NEW));
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "95.00", "1")))).isEqualTo("MAX_OPEN_ORDERS");
        assertThat(code(checks.check("other", BTC, order(OrderType.LIMIT, "95.00", "1")))).isEqualTo("passes");
        open.note(update("1", OrderStatus.FILLED));
        assertThat(code(checks.check("main", BTC, order(OrderType.LIMIT, "95.00", "1")))).isEqualTo("passes");
    }

    private static OrderUpdate update(String orderId, OrderStatus status) {
        return OrderUpdate.newBuilder().setExchange("binance-spot").setAccount("main").setSymbol("BTCUSDT")
                .setInstrumentId("BTC-USDT").setClientOrderId(null).setExchangeOrderId(orderId).setSide(Side.BUY)
                .setOrderType(OrderType.LIMIT).setTimeInForce(null).setStatus(status).setPrice(null)
                .setStopPrice(null).setQuantity(BigDecimal.ONE).setFilledQuantity(BigDecimal.ZERO)
                .setAveragePrice(null).setLastFill(null).setReason(null).setExchangeTime(null)
                .setReceiveTime(Instant.EPOCH).setSource(EventSource.STREAM).build();
    }
}
