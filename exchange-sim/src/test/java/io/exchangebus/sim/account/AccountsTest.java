package io.exchangebus.sim.account;

import static io.exchangebus.sim.engine.Side.BUY;
import static io.exchangebus.sim.engine.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.engine.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccountsTest {

    private static final Instrument SPOT = Instrument.spot("BTCUSDT", "BTC", "USDT", "0.1", "0.001");
    private static final Instrument PERP = Instrument.perpetual("BTC-PERP", "BTC", "USDT", "0.5", "0.01");

    private final Accounts accounts = new Accounts(new Random(1));
    private final MatchingEngine spot = engine(SPOT);
    private final MatchingEngine perp = engine(PERP);

    private MatchingEngine engine(Instrument instrument) {
        return new MatchingEngine(instrument, accounts, Clock.systemUTC(), new AtomicLong()::incrementAndGet,
                new AtomicLong()::incrementAndGet);
    }

    private void fund(String id, String usdt, String btc) {
        accounts.create(id);
        accounts.deposit(id, "USDT", usdt);
        accounts.deposit(id, "BTC", btc);
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void shouldLockOnRestAndReleaseOnCancel() {
        fund("a", "1000", "1");
        long bid = spot.place(OrderRequest.limit("a", BUY, "100.0", "2")).order().orderId();
        spot.place(OrderRequest.limit("a", SELL, "200.0", "0.5"));

        assertThat(accounts.balance("a", "USDT")).isEqualTo(new Balance("USDT", d("800"), d("200")));
        assertThat(accounts.balance("a", "BTC").locked()).isEqualByComparingTo("0.5");

        spot.cancel("a", bid);
        spot.cancelAll("a");

        assertThat(accounts.balance("a", "USDT").free()).isEqualByComparingTo("1000");
        assertThat(accounts.balance("a", "USDT").locked()).isEqualByComparingTo("0");
        assertThat(accounts.balance("a", "BTC").free()).isEqualByComparingTo("1");
    }

    @Test
    void shouldMoveAssetsAndChargeFeesInReceivedAssetOnSpotFill() {
        fund("maker", "0", "2");
        fund("taker", "1000", "0");
        spot.place(OrderRequest.limit("maker", SELL, "100.0", "2"));

        spot.place(OrderRequest.limit("taker", BUY, "101.0", "1"));

        // Taker locked 101 per unit, paid 100: 1 returned; receives 1 BTC less 0.1% fee.
        assertThat(accounts.balance("taker", "USDT")).isEqualTo(new Balance("USDT", d("900"), d("0")));
        assertThat(accounts.balance("taker", "BTC").free()).isEqualByComparingTo("0.999");
        assertThat(accounts.balance("maker", "USDT").free()).isEqualByComparingTo("99.9");
        assertThat(accounts.balance("maker", "BTC").locked()).isEqualByComparingTo("1");
        assertThat(accounts.feesCollected("BTC")).isEqualByComparingTo("0.001");
        assertThat(accounts.feesCollected("USDT")).isEqualByComparingTo("0.1");
    }

    @Test
    void shouldRejectWhenFundsAreInsufficientAndForUnknownAccount() {
        fund("poor", "50", "0");

        CommandResult buy = spot.place(OrderRequest.limit("poor", BUY, "100.0", "1"));
        CommandResult sell = spot.place(OrderRequest.limit("poor", SELL, "100.0", "1"));
        CommandResult ghost = spot.place(OrderRequest.limit("ghost", SELL, "100.0", "1"));
        CommandResult ghostMarket = spot.place(OrderRequest.market("ghost", BUY, "1"));

        assertThat(buy.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(sell.rejectReason()).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(ghost.rejectReason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(ghostMarket.rejectReason()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
        assertThat(accounts.balance("poor", "USDT").free()).isEqualByComparingTo("50");
    }

    @Test
    void shouldReleaseUnspentReservationOfMarketBuy() {
        fund("maker", "0", "3");
        fund("taker", "1000", "0");
        spot.place(OrderRequest.limit("maker", SELL, "100.0", "1"));
        spot.place(OrderRequest.limit("maker", SELL, "110.0", "1"));

        spot.place(OrderRequest.market("taker", BUY, "1.5"));

        assertThat(accounts.balance("taker", "USDT").free()).isEqualByComparingTo("845");
        assertThat(accounts.balance("taker", "USDT").locked()).isEqualByComparingTo("0");
    }

    @Test
    void shouldTrackPositionAverageEntryAndRealisedPnl() {
        fund("long", "1000", "0");
        fund("short", "1000", "0");
        perp.place(OrderRequest.limit("short", SELL, "100.0", "2"));
        perp.place(OrderRequest.market("long", BUY, "2"));
        perp.place(OrderRequest.limit("short", SELL, "110.0", "1"));
        perp.place(OrderRequest.market("long", BUY, "1"));
        perp.place(OrderRequest.limit("short", BUY, "120.0", "1.5"));
        perp.place(OrderRequest.market("long", SELL, "1.5"));

        Position position = accounts.position("long", "BTC-PERP");
        assertThat(position.quantity()).isEqualByComparingTo("1.5");
        assertThat(position.averageEntryPrice()).isEqualByComparingTo("103.333333333333333333");
        assertThat(position.realizedPnl()).isEqualByComparingTo(d("1.5").multiply(d("120"))
                .subtract(d("310").multiply(d("1.5")).divide(d("3"))));
        assertThat(accounts.position("short", "BTC-PERP").quantity()).isEqualByComparingTo("-1.5");
    }

    @Test
    void shouldConserveEveryAssetThroughRandomSpotAndPerpetualTrading() {
        List<String> ids = List.of("a", "b", "c", "d");
        ids.forEach(id -> fund(id, "100000", "100"));
        BigDecimal usdtBefore = accounts.totalHeld("USDT");
        BigDecimal btcBefore = accounts.totalHeld("BTC");
        Random random = new Random(42);

        for (int i = 0; i < 3000; i++) {
            String account = ids.get(random.nextInt(ids.size()));
            Side side = random.nextBoolean() ? BUY : SELL;
            MatchingEngine engine = random.nextBoolean() ? spot : perp;
            String qty = engine == spot ? "0." + (1 + random.nextInt(900)) : Integer.toString(1 + random.nextInt(3));
            String price = engine == spot ? (95 + random.nextInt(10)) + "." + random.nextInt(10)
                    : (95 + random.nextInt(10)) + ".5";
            switch (random.nextInt(5)) {
                case 0 -> engine.place(OrderRequest.market(account, side, qty));
                case 1 -> engine.place(OrderRequest.limit(account, side, TimeInForce.IOC, price, qty));
                case 2 -> engine.cancelAll(account);
                default -> engine.place(OrderRequest.limit(account, side, price, qty));
            }
        }

        BigDecimal mark = perp.lastTradePrice().orElseThrow();
        BigDecimal unrealized = ids.stream().map(id -> accounts.position(id, "BTC-PERP").unrealizedPnl(mark))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal netPosition = ids.stream().map(id -> accounts.position(id, "BTC-PERP").quantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(accounts.feesCollected("USDT")).isPositive();
        assertThat(netPosition).isEqualByComparingTo("0");
        assertThat(accounts.totalHeld("BTC").add(accounts.feesCollected("BTC"))).isEqualByComparingTo(btcBefore);
        assertThat(accounts.totalHeld("USDT").add(accounts.feesCollected("USDT")).add(unrealized))
                .isEqualByComparingTo(usdtBefore);
        for (String id : ids) {
            assertThat(accounts.balance(id, "BTC").free()).isNotNegative();
            assertThat(accounts.balance(id, "BTC").locked()).isNotNegative();
        }
    }

    @Test
    void shouldKeepLockedEqualToOpenOrdersNeeds() {
        fund("a", "10000", "10");
        fund("b", "10000", "10");
        spot.place(OrderRequest.limit("a", BUY, "100.0", "3"));
        spot.place(OrderRequest.limit("b", SELL, "100.0", "1"));
        spot.place(OrderRequest.limit("a", SELL, "105.0", "2"));

        BigDecimal openBuyNotional = spot.openOrders("a").stream().filter(o -> o.side() == BUY)
                .map(o -> o.remainingQuantity().multiply(o.price())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(accounts.balance("a", "USDT").locked()).isEqualByComparingTo(openBuyNotional);
        assertThat(accounts.balance("a", "BTC").locked()).isEqualByComparingTo("2");
    }

    @Test
    void shouldNeverShowSecretInToString() {
        AccountSnapshot account = accounts.create("alice");
        ApiKey key = account.apiKeys().get(0);

        assertThat(key.secret()).hasSize(64);
        assertThat(key.toString()).contains(key.keyId()).doesNotContain(key.secret());
        assertThat(account.toString()).doesNotContain(key.secret());
        assertThat(accounts.byApiKey(key.keyId())).map(AccountSnapshot::id).contains("alice");
        assertThat(accounts.byApiKey("nope")).isEmpty();
    }
}
