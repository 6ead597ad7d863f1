package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.deribit.DeribitFixtures;
import io.exchangebus.connectors.deribit.mapping.PositionMapping.Position;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Account;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Changes;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Fills;
import io.exchangebus.connectors.deribit.mapping.PrivateMapping.Orders;
import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The private notifications of the fixtures (user.orders, user.trades, user.portfolio, user.changes), by field. */
class PrivateMappingTest {

    static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    static final PrivateContext CTX = new PrivateContext("main", null, EventSource.STREAM);
    static final String GCT = "ws_notifications.gocryptotrader.jsonl";
    static final String NT = "nautilus_test_data.jsonl";
    static final String NT2 = "nautilus_test_data_2.jsonl";

    static PrivateMapping.Mapped map(String file, int line) {
        return PrivateMapping.normalize(DeribitFixtures.raw(file, line), CTX, RECEIVED);
    }

    static void dec(BigDecimal actual, String expected) {
        assertThat(actual).isNotNull();
        assertThat(actual).isEqualByComparingTo(expected);
    }

    @Test
    void shouldMapTheRawOrderNotificationToOneOpenLimitOrder() {
        // ws_notifications line 15: user.orders.BTC-PERPETUAL.raw, docs example, data is one object.
        Orders o = (Orders) map(GCT, 15);

        assertThat(o.orders()).hasSize(1);
        OrderUpdate u = o.orders().get(0);
        assertThat(u.getExchange()).isEqualTo("deribit");
        assertThat(u.getAccount()).isEqualTo("main");
        assertThat(u.getSymbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(u.getExchangeOrderId()).isEqualTo("5");
        assertThat(u.getClientOrderId()).isNull();
        assertThat(u.getSide()).isEqualTo(Side.BUY);
        assertThat(u.getOrderType()).isEqualTo(OrderType.LIMIT);
        assertThat(u.getTimeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
        dec(u.getPrice(), "10502.52");
        assertThat(u.getStopPrice()).isNull();
        dec(u.getQuantity(), "200");
        dec(u.getFilledQuantity(), "0");
        assertThat(u.getAveragePrice()).isNull();
        assertThat(u.getLastFill()).isNull();
        assertThat(u.getReason()).isNull();
        assertThat(u.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1581507423789L));
        assertThat(u.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(u.getSource()).isEqualTo(EventSource.STREAM);
    }

    @Test
    void shouldMapEveryOrderOfTheIntervalNotificationsArrays() {
        // Lines 16 (user.orders.BTC-PERPETUAL.100ms) and 18 (user.orders.future.BTC.100ms): arrays of one order;
        // line 17 (user.orders.any.any.raw): one object.
        OrderUpdate byInstrument = single((Orders) map(GCT, 16));
        OrderUpdate any = single((Orders) map(GCT, 17));
        OrderUpdate byCurrency = single((Orders) map(GCT, 18));

        assertThat(byInstrument.getExchangeOrderId()).isEqualTo("4");
        dec(byInstrument.getPrice(), "10460.43");
        assertThat(any.getExchangeOrderId()).isEqualTo("6");
        dec(any.getPrice(), "10542.68");
        assertThat(byCurrency.getExchangeOrderId()).isEqualTo("476137");
        dec(byCurrency.getPrice(), "3928.5");
        dec(byCurrency.getQuantity(), "120");
        assertThat(byCurrency.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1550826337209L));
        assertThat(List.of(byInstrument, any, byCurrency)).allSatisfy(u -> {
            assertThat(u.getStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(u.getOrderType()).isEqualTo(OrderType.LIMIT);
            assertThat(u.getSide()).isEqualTo(Side.BUY);
        });
    }

    @Test
    void shouldMapUserTradesWithFeeLiquidityAndOrderReference() {
        // Line 20: user.trades.BTC-PERPETUAL.raw, two taker fills of market order 4008965646, fee 1.68e-06 BTC.
        Fills f = (Fills) map(GCT, 20);

        assertThat(f.fills()).hasSize(2);
        UserFill first = f.fills().get(0);
        assertThat(first.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(first.instrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(first.exchangeOrderId()).isEqualTo("4008965646");
        assertThat(first.label()).isNull();
        assertThat(first.side()).isEqualTo(Side.SELL);
        assertThat(first.tradeSequence()).isEqualTo(30289432L);
        assertThat(first.fill().getTradeId()).isEqualTo("48079254");
        dec(first.fill().getPrice(), "8954");
        dec(first.fill().getQuantity(), "20");
        dec(first.fill().getFee(), "0.00000168");
        assertThat(first.fill().getFeeAsset()).isEqualTo("BTC");
        assertThat(first.fill().getLiquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(first.fill().getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1590484156350L));
        dec(first.indexPrice(), "8956.73");
        dec(first.markPrice(), "8952.86");
        assertThat(first.orderState()).isEqualTo("filled");
        assertThat(f.fills().get(1).fill().getTradeId()).isEqualTo("48079255");
        assertThat(f.fills().get(1).tradeSequence()).isEqualTo(30289433L);
    }

    @Test
    void shouldMapAFutureUserTradeOfTheCurrencyChannel() {
        // Line 21: user.trades.future.BTC.100ms, BTC-25SEP20, 8940 USD at 8947, fee 0.00049961 BTC.
        UserFill t = ((Fills) map(GCT, 21)).fills().get(0);

        assertThat(t.instrumentId()).isEqualTo("BTC-USD-20200925");
        dec(t.fill().getQuantity(), "8940");
        dec(t.fill().getPrice(), "8947");
        dec(t.fill().getFee(), "0.00049961");
        assertThat(t.tradeSequence()).isEqualTo(74405L);
    }

    @Test
    void shouldKeepEighteenSignificantDigitsOfUserTradesAndReadTheLabel() {
        // nautilus_2 line 36: user.trades.any.any.raw with 18-digit prices (synthetic precision case), a maker fill.
        List<UserFill> fills = ((Fills) map(NT2, 36)).fills();

        assertThat(fills).hasSize(3);
        dec(fills.get(0).fill().getPrice(), "100000000.123456789");
        dec(fills.get(0).fill().getFee(), "1000000000.12345678");
        assertThat(fills.get(0).label()).isEqualTo("O-19700101-000000-001-001-1");
        assertThat(fills.get(1).fill().getLiquidity()).isEqualTo(Liquidity.MAKER);
        dec(fills.get(1).fill().getPrice(), "100000000.123456788");
        assertThat(fills.get(2).side()).isEqualTo(Side.SELL);
        assertThat(fills.get(2).exchangeOrderId()).isEqualTo("BTC-102");
    }

    @Test
    void shouldMapThePortfolioToAnAccountUpdateInItsCurrency() {
        // Line 19: user.portfolio.btc, docs example (session_rpl -2e-08: exponents read exactly).
        AccountUpdate a = ((Account) map(GCT, 19)).account();

        assertThat(a.getExchange()).isEqualTo("deribit");
        assertThat(a.getMarginAsset()).isEqualTo("BTC");
        dec(a.getEquity(), "0.2340038");
        dec(a.getWalletBalance(), "0.23399957");
        dec(a.getMarginBalance(), "0.2340038");
        dec(a.getAvailableBalance(), "0.23387838");
        dec(a.getInitialMargin(), "0.00012542");
        dec(a.getMaintenanceMargin(), "0.00009141");
        dec(a.getUnrealizedPnl(), "0.00000425");
        assertThat(a.getCurrencies()).hasSize(1);
        AccountCurrency c = a.getCurrencies().get(0);
        assertThat(c.getCurrency()).isEqualTo("BTC");
        dec(c.getEquity(), "0.2340038");
        dec(c.getBalance(), "0.23399957");
        dec(c.getAvailableFunds(), "0.23387838");
        assertThat(a.getExchangeTime()).isNull();
        assertThat(a.getSource()).isEqualTo(EventSource.STREAM);
    }

    @Test
    void shouldMapTheCrossCollateralPortfolioWithUsdTotals() {
        // nautilus line 8: user.portfolio.any, live USDT cross_sm: totals in USD account-wide.
        AccountUpdate a = ((Account) map(NT, 8)).account();

        assertThat(a.getMarginAsset()).isEqualTo("USD");
        dec(a.getEquity(), "54.924283065");
        dec(a.getMarginBalance(), "54.924283065");
        dec(a.getInitialMargin(), "1.099130991");
        dec(a.getMaintenanceMargin(), "0");
        assertThat(a.getWalletBalance()).isNull();
        AccountCurrency c = a.getCurrencies().get(0);
        assertThat(c.getCurrency()).isEqualTo("USDT");
        dec(c.getEquity(), "55.00055");
        dec(c.getBalance(), "55.00055");
        dec(c.getMarginBalance(), "54.968258");
        dec(c.getInitialMargin(), "1.100011");
        dec(c.getAvailableFunds(), "53.868247");
    }

    @Test
    void shouldRefuseAPortfolioMarginBeyondEighteenDecimalsNamingTheField() {
        // nautilus_2 line 30: maintenance_margin 5.551115123125783e-17 has 32 decimal places.
        assertThatThrownBy(() -> map(NT2, 30)).isInstanceOf(UnmappableMessageException.class)
                .hasMessageContaining("maintenance_margin").hasMessageContaining("more than 18 decimal places");
    }

    @Test
    void shouldMapChangesToTheFilledOrderWithItsFillAndThePosition() {
        // Lines 13 (user.changes.BTC-PERPETUAL.raw) and 14 (user.changes.future.BTC.raw): the same docs example.
        for (int line : new int[] {13, 14}) {
            Changes c = (Changes) map(GCT, line);

            assertThat(c.orders()).hasSize(1);
            OrderUpdate o = c.orders().get(0);
            assertThat(o.getExchangeOrderId()).isEqualTo("3398016");
            assertThat(o.getOrderType()).isEqualTo(OrderType.MARKET);
            assertThat(o.getTimeInForce()).isNull();
            assertThat(o.getPrice()).isNull();
            assertThat(o.getStatus()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.getSide()).isEqualTo(Side.SELL);
            dec(o.getQuantity(), "10");
            dec(o.getFilledQuantity(), "10");
            dec(o.getAveragePrice(), "17391");
            assertThat(o.getLastFill().getTradeId()).isEqualTo("1430914");
            dec(o.getLastFill().getFee(), "0.00000016");
            assertThat(o.getLastFill().getLiquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(c.unmatchedFills()).isEmpty();

            assertThat(c.positions()).hasSize(1);
            Position p = c.positions().get(0);
            PositionUpdate u = p.update();
            assertThat(u.getInstrumentId()).isEqualTo("BTC-USD-PERP");
            assertThat(u.getPositionSide()).isEqualTo(PositionSide.NET);
            dec(u.getQuantity(), "185160");
            dec(p.sizeCurrency(), "10.646886321");
            dec(u.getEntryPrice(), "15000");
            dec(u.getMarkPrice(), "17391");
            dec(u.getUnrealizedPnl(), "0.906961435");
            dec(u.getRealizedPnl(), "0.012454598");
            dec(p.totalProfitLoss(), "1.69711368");
            dec(u.getLeverage(), "33");
            assertThat(u.getLiquidationPrice()).isNull();
            assertThat(p.kind()).isEqualTo("future");
        }
    }

    @Test
    void shouldRefuseAChannelThatIsNotPrivate() {
        assertThatThrownBy(() -> PrivateMapping.map("book.BTC-PERPETUAL.raw", DeribitFields.JSON.createObjectNode(),
                CTX, RECEIVED)).isInstanceOf(UnmappableMessageException.class).hasMessageContaining("not a private");
    }

    static OrderUpdate single(Orders o) {
        assertThat(o.orders()).hasSize(1);
        return o.orders().get(0);
    }

    static JsonNode result(String file, int line) {
        return DeribitFields.readTree(DeribitFixtures.raw(file, line)).get("result");
    }
}
