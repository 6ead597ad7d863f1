package io.exchangebus.sim.engine;

import static io.exchangebus.sim.engine.Side.BUY;
import static io.exchangebus.sim.engine.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingEngineTest {

    private final MatchingEngine engine = new MatchingEngine(Instrument.spot("BTCUSDT", "BTC", "USDT", "0.1", "0.001"));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private CommandResult place(OrderRequest request) {
        return engine.place(request);
    }

    private static List<Fill> fills(CommandResult result) {
        return result.fills();
    }

    @Test
    void shouldRestLimitOrderThatDoesNotCross() {
        place(OrderRequest.limit("a", BUY, "100.0", "1"));
        CommandResult sell = place(OrderRequest.limit("b", SELL, "100.1", "2"));

        assertThat(sell.order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(sell.fills()).isEmpty();
        assertThat(engine.book().bids()).containsExactly(PriceLevel.of("100", "1"));
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100.1", "2"));
    }

    @Test
    void shouldFillCrossingLimitAtMakerPriceAndRestTheRemainder() {
        place(OrderRequest.limit("a", SELL, "100.0", "1"));
        CommandResult buy = place(OrderRequest.limit("b", BUY, "101.0", "3"));

        assertThat(fills(buy)).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("100");
            assertThat(f.quantity()).isEqualByComparingTo("1");
            assertThat(f.takerSide()).isEqualTo(BUY);
        });
        assertThat(buy.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(engine.book().asks()).isEmpty();
        assertThat(engine.book().bids()).containsExactly(PriceLevel.of("101", "2"));
    }

    @Test
    void shouldMatchInPriceThenTimePriority() {
        long first = place(OrderRequest.limit("m1", SELL, "100.0", "1")).order().orderId();
        long second = place(OrderRequest.limit("m2", SELL, "100.0", "1")).order().orderId();
        long better = place(OrderRequest.limit("m3", SELL, "99.9", "1")).order().orderId();

        CommandResult buy = place(OrderRequest.limit("t", BUY, "100.0", "2.5"));

        assertThat(fills(buy)).extracting(Fill::makerOrderId).containsExactly(better, first, second);
        assertThat(fills(buy)).extracting(Fill::quantity).map(BigDecimal::toPlainString)
                .containsExactly("1", "1", "0.5");
        assertThat(engine.order(second).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void shouldSweepLevelsWithMarketOrderAndCancelWhatIsLeft() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));
        place(OrderRequest.limit("m", SELL, "100.5", "1"));
        place(OrderRequest.limit("m", SELL, "101.0", "1"));

        CommandResult market = place(OrderRequest.market("t", BUY, "2.5"));

        assertThat(fills(market)).extracting(Fill::price).map(BigDecimal::toPlainString)
                .containsExactly("100.0", "100.5", "101.0");
        assertThat(market.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("101", "0.5"));

        CommandResult tooBig = place(OrderRequest.market("t", BUY, "2"));
        assertThat(tooBig.order().filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(tooBig.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(tooBig.order().cancelReason()).isEqualTo(CancelReason.IMMEDIATE_REMAINDER);
        assertThat(engine.book().asks()).isEmpty();
    }

    @Test
    void shouldCancelMarketOrderOnEmptyBook() {
        CommandResult market = place(OrderRequest.market("t", SELL, "1"));

        assertThat(market.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(market.events()).noneMatch(e -> e instanceof EngineEvent.BookDiff);
    }

    @Test
    void shouldNotTouchBookWhenAmendChangesNothing() {
        long ask = place(OrderRequest.limit("m", SELL, "100.0", "1")).order().orderId();
        long before = engine.lastUpdateId();

        CommandResult amend = engine.amend("m", ask, d("100.0"), d("1"));

        assertThat(amend.isAccepted()).isTrue();
        assertThat(amend.events()).noneMatch(e -> e instanceof EngineEvent.BookDiff);
        assertThat(engine.lastUpdateId()).isEqualTo(before);
    }

    @Test
    void shouldCompleteCommandEvenWhenAListenerFails() {
        List<EngineEvent> seen = new java.util.ArrayList<>();
        engine.addListener(e -> {
            throw new IllegalStateException("broken renderer");
        });
        engine.addListener(seen::add);

        CommandResult result = place(OrderRequest.limit("a", BUY, "100.0", "1"));

        assertThat(result.isAccepted()).isTrue();
        assertThat(seen).isEqualTo(result.events());
        assertThat(engine.book().bids()).containsExactly(PriceLevel.of("100", "1"));
    }

    @Test
    void shouldRejectPostOnlyMarketOrder() {
        CommandResult result = place(new OrderRequest("a", null, BUY, OrderType.MARKET, TimeInForce.POST_ONLY, null,
                d("1"), null));

        assertThat(result.rejectReason()).isEqualTo(RejectReason.TIME_IN_FORCE_NOT_ALLOWED);
    }

    @Test
    void shouldRejectPostOnlyThatWouldCross() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));

        CommandResult postOnly = place(OrderRequest.postOnly("t", BUY, "100.0", "1"));

        assertThat(postOnly.rejectReason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS);
        assertThat(postOnly.order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100", "1"));
        assertThat(engine.book().bids()).isEmpty();
    }

    @Test
    void shouldRestPostOnlyThatDoesNotCross() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));

        CommandResult postOnly = place(OrderRequest.postOnly("t", BUY, "99.9", "1"));

        assertThat(postOnly.isAccepted()).isTrue();
        assertThat(postOnly.order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(engine.book().bids()).containsExactly(PriceLevel.of("99.9", "1"));
    }

    @Test
    void shouldFillIocPartiallyAndCancelTheRest() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));
        place(OrderRequest.limit("m", SELL, "100.2", "1"));

        CommandResult ioc = place(OrderRequest.limit("t", BUY, TimeInForce.IOC, "100.1", "3"));

        assertThat(ioc.order().filledQuantity()).isEqualByComparingTo("1");
        assertThat(ioc.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(ioc.order().cancelReason()).isEqualTo(CancelReason.IMMEDIATE_REMAINDER);
        assertThat(engine.book().bids()).isEmpty();
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100.2", "1"));
    }

    @Test
    void shouldLeaveBookUntouchedWhenFokCannotFillCompletely() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));
        place(OrderRequest.limit("m", SELL, "100.2", "1"));
        BookSnapshot before = engine.book();

        CommandResult fok = place(OrderRequest.limit("t", BUY, TimeInForce.FOK, "100.1", "1.5"));

        assertThat(fok.fills()).isEmpty();
        assertThat(fok.order().filledQuantity()).isEqualByComparingTo("0");
        assertThat(fok.order().cancelReason()).isEqualTo(CancelReason.FOK_NOT_FILLABLE);
        assertThat(engine.book()).isEqualTo(before);
    }

    @Test
    void shouldFillFokCompletelyAcrossLevelsWhenEnoughLiquidity() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));
        place(OrderRequest.limit("m", SELL, "100.2", "1"));

        CommandResult fok = place(OrderRequest.limit("t", BUY, TimeInForce.FOK, "100.2", "1.5"));

        assertThat(fok.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fok.fills()).hasSize(2);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100.2", "0.5"));
    }

    @Test
    void shouldCancelPartiallyFilledOrderAndKeepItsFills() {
        long maker = place(OrderRequest.limit("m", SELL, "100.0", "2")).order().orderId();
        place(OrderRequest.market("t", BUY, "0.7"));

        CommandResult cancel = engine.cancel("m", maker);

        assertThat(cancel.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(cancel.order().filledQuantity()).isEqualByComparingTo("0.7");
        assertThat(engine.book().asks()).isEmpty();
        assertThat(engine.cancel("m", maker).rejectReason()).isEqualTo(RejectReason.ORDER_NOT_OPEN);
        assertThat(engine.cancel("m", 999).rejectReason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void shouldRefuseCancelOfAnotherAccountsOrder() {
        long maker = place(OrderRequest.limit("m", SELL, "100.0", "2")).order().orderId();

        assertThat(engine.cancel("intruder", maker).rejectReason()).isEqualTo(RejectReason.NOT_OWNER);
        assertThat(engine.book().asks()).hasSize(1);
    }

    @Test
    void shouldKeepPriorityWhenAmendReducesQuantity() {
        long first = place(OrderRequest.limit("m1", SELL, "100.0", "2")).order().orderId();
        place(OrderRequest.limit("m2", SELL, "100.0", "1"));

        CommandResult amend = engine.amend("m1", first, null, d("1"));
        CommandResult buy = place(OrderRequest.market("t", BUY, "1"));

        assertThat(amend.events()).anySatisfy(e ->
                assertThat(e).isInstanceOfSatisfying(EngineEvent.OrderAmended.class,
                        a -> assertThat(a.keptPriority()).isTrue()));
        assertThat(buy.fills()).extracting(Fill::makerOrderId).containsExactly(first);
    }

    @Test
    void shouldLosePriorityWhenAmendChangesPrice() {
        long first = place(OrderRequest.limit("m1", SELL, "100.1", "1")).order().orderId();
        long second = place(OrderRequest.limit("m2", SELL, "100.0", "1")).order().orderId();

        engine.amend("m1", first, d("100.0"), null);
        CommandResult buy = place(OrderRequest.market("t", BUY, "1"));

        assertThat(buy.fills()).extracting(Fill::makerOrderId).containsExactly(second);
    }

    @Test
    void shouldLosePriorityWhenAmendIncreasesQuantity() {
        long first = place(OrderRequest.limit("m1", SELL, "100.0", "1")).order().orderId();
        long second = place(OrderRequest.limit("m2", SELL, "100.0", "1")).order().orderId();

        engine.amend("m1", first, null, d("2"));
        CommandResult buy = place(OrderRequest.market("t", BUY, "1"));

        assertThat(buy.fills()).extracting(Fill::makerOrderId).containsExactly(second);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100", "2"));
    }

    @Test
    void shouldTradeWhenAmendedPriceCrosses() {
        place(OrderRequest.limit("m", BUY, "99.0", "1"));
        long ask = place(OrderRequest.limit("s", SELL, "100.0", "1")).order().orderId();

        CommandResult amend = engine.amend("s", ask, d("99.0"), null);

        assertThat(amend.fills()).singleElement().satisfies(f -> assertThat(f.takerOrderId()).isEqualTo(ask));
        assertThat(engine.book().bids()).isEmpty();
        assertThat(engine.book().asks()).isEmpty();
    }

    @Test
    void shouldRefuseAmendOfPostOnlyToCrossingPriceAndKeepIt() {
        place(OrderRequest.limit("m", BUY, "99.0", "1"));
        long ask = place(OrderRequest.postOnly("s", SELL, "100.0", "1")).order().orderId();

        CommandResult amend = engine.amend("s", ask, d("99.0"), null);

        assertThat(amend.rejectReason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100", "1"));
    }

    @Test
    void shouldRefuseAmendBelowFilledQuantity() {
        long ask = place(OrderRequest.limit("s", SELL, "100.0", "2")).order().orderId();
        place(OrderRequest.market("t", BUY, "1"));

        assertThat(engine.amend("s", ask, null, d("1")).rejectReason()).isEqualTo(RejectReason.AMEND_BELOW_FILLED);
        assertThat(engine.amend("s", ask, null, d("1.5")).isAccepted()).isTrue();
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("100", "0.5"));
    }

    @Test
    void shouldCancelAllOrdersOfOneAccountOnly() {
        place(OrderRequest.limit("a", BUY, "99.0", "1"));
        place(OrderRequest.limit("a", SELL, "101.0", "1"));
        place(OrderRequest.stopMarket("a", BUY, "105.0", "1"));
        place(OrderRequest.limit("b", BUY, "98.0", "1"));

        CommandResult all = engine.cancelAll("a");

        assertThat(all.events()).filteredOn(e -> e instanceof EngineEvent.OrderCanceled).hasSize(3);
        assertThat(all.events()).filteredOn(e -> e instanceof EngineEvent.BookDiff).hasSize(1);
        assertThat(engine.openOrders("a")).isEmpty();
        assertThat(engine.book().bids()).containsExactly(PriceLevel.of("98", "1"));
    }

    @Test
    void shouldRejectWithClearReasonsOffTickOffLotAndMissingPrice() {
        assertThat(place(OrderRequest.limit("a", BUY, "100.05", "1")).rejectReason())
                .isEqualTo(RejectReason.PRICE_NOT_ON_TICK);
        assertThat(place(OrderRequest.limit("a", BUY, "100.0", "1.0005")).rejectReason())
                .isEqualTo(RejectReason.QUANTITY_NOT_ON_LOT);
        assertThat(place(OrderRequest.limit("a", BUY, "100.0", "0")).rejectReason())
                .isEqualTo(RejectReason.INVALID_QUANTITY);
        assertThat(place(new OrderRequest("a", null, BUY, OrderType.LIMIT, TimeInForce.GTC, null, d("1"), null))
                .rejectReason()).isEqualTo(RejectReason.PRICE_REQUIRED);
        assertThat(place(new OrderRequest("a", null, BUY, OrderType.MARKET, TimeInForce.IOC, d("1"), d("1"), null))
                .rejectReason()).isEqualTo(RejectReason.PRICE_NOT_ALLOWED);
        assertThat(RejectReason.PRICE_NOT_ON_TICK.description()).contains("tick");
        assertThat(engine.lastUpdateId()).isZero();
    }

    @Test
    void shouldTriggerStopMarketWhenLastTradeReachesStopPrice() {
        place(OrderRequest.limit("m", SELL, "100.0", "1"));
        place(OrderRequest.limit("m", SELL, "102.0", "5"));
        CommandResult stop = place(OrderRequest.stopMarket("s", BUY, "100.0", "2"));
        assertThat(stop.order().status()).isEqualTo(OrderStatus.PENDING_TRIGGER);
        assertThat(engine.book().bids()).isEmpty();

        CommandResult trade = place(OrderRequest.market("t", BUY, "1"));

        assertThat(trade.events()).anyMatch(e -> e instanceof EngineEvent.OrderTriggered);
        OrderState triggered = engine.order(stop.order().orderId()).orElseThrow();
        assertThat(triggered.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(triggered.filledNotional()).isEqualByComparingTo("204");
    }

    @Test
    void shouldTriggerStopLimitAndRestIt() {
        place(OrderRequest.limit("m", BUY, "100.0", "1"));
        long stop = place(OrderRequest.stopLimit("s", SELL, "100.0", "101.0", "1")).order().orderId();

        place(OrderRequest.market("t", SELL, "1"));

        assertThat(engine.order(stop).orElseThrow().status()).isEqualTo(OrderStatus.NEW);
        assertThat(engine.book().asks()).containsExactly(PriceLevel.of("101", "1"));
    }

    @Test
    void shouldNumberBookChangesWithStrictlyIncreasingContiguousUpdateIds() {
        CommandResult a = place(OrderRequest.limit("m", SELL, "100.0", "1"));
        CommandResult b = place(OrderRequest.limit("m", SELL, "100.1", "1"));
        CommandResult c = place(OrderRequest.market("t", BUY, "1.5"));

        List<EngineEvent.BookDiff> diffs = java.util.stream.Stream.of(a, b, c)
                .flatMap(r -> r.events().stream())
                .filter(e -> e instanceof EngineEvent.BookDiff)
                .map(e -> (EngineEvent.BookDiff) e)
                .toList();
        assertThat(diffs).extracting(EngineEvent.BookDiff::firstUpdateId).containsExactly(1L, 2L, 3L);
        assertThat(diffs).extracting(EngineEvent.BookDiff::lastUpdateId).containsExactly(1L, 2L, 4L);
        assertThat(diffs).extracting(EngineEvent.BookDiff::previousUpdateId).containsExactly(0L, 1L, 2L);
        assertThat(diffs.get(2).asks()).containsExactly(PriceLevel.of("100", "0"), PriceLevel.of("100.1", "0.5"));
    }
}
