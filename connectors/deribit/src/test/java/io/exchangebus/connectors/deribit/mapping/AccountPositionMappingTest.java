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
import io.exchangebus.connectors.deribit.mapping.PositionMapping.Position;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** get_account_summar(y|ies) and get_positions results. */
class AccountPositionMappingTest {

    private static final PrivateContext RECOVERY = new PrivateContext("main", "10", EventSource.RECOVERY);

    @Test
    void shouldMapSegregatedSummariesPerCurrencyWithNoAccountWideSum() {
        // nautilus_2 line 1: get_account_summaries, docs example, BTC and ETH segregated_sm.
        List<JsonNode> summaries = AccountMapping.summaries(result(NT2, 1));

        AccountUpdate a = AccountMapping.account(summaries, RECOVERY, RECEIVED);

        assertThat(a.getSubAccount()).isEqualTo("10");
        assertThat(a.getSource()).isEqualTo(EventSource.RECOVERY);
        assertThat(a.getMarginAsset()).isNull();
        assertThat(a.getEquity()).isNull();
        assertThat(a.getCurrencies()).extracting(AccountCurrency::getCurrency).containsExactly("BTC", "ETH");
        AccountCurrency btc = a.getCurrencies().get(0);
        dec(btc.getEquity(), "302.61869214");
        dec(btc.getBalance(), "302.60065765");
        dec(btc.getMarginBalance(), "302.62729214");
        dec(btc.getInitialMargin(), "1.24669592");
        dec(btc.getMaintenanceMargin(), "0.8857841");
        dec(btc.getAvailableFunds(), "301.38059622");
        dec(btc.getUnrealizedPnl(), "0.05271555");
        AccountCurrency eth = a.getCurrencies().get(1);
        dec(eth.getBalance(), "100");
        dec(eth.getInitialMargin(), "0.000402");
    }

    @Test
    void shouldMapOneSummaryToItsCurrencyAccountWide() {
        AccountUpdate a = AccountMapping.account(AccountMapping.summaries(result(NT2, 1)).get(1), RECOVERY, RECEIVED);

        assertThat(a.getMarginAsset()).isEqualTo("ETH");
        dec(a.getEquity(), "100");
        dec(a.getWalletBalance(), "100");
        dec(a.getAvailableBalance(), "99.999598");
    }

    @Test
    void shouldMapCrossCollateralSummariesWithUsdTotals() {
        // nautilus_2 line 2: cross_pm, four currencies, totals in USD.
        AccountUpdate a = AccountMapping.account(AccountMapping.summaries(result(NT2, 2)), RECOVERY, RECEIVED);

        assertThat(a.getMarginAsset()).isEqualTo("USD");
        dec(a.getEquity(), "25.710502678");
        dec(a.getMarginBalance(), "25.710502678");
        dec(a.getInitialMargin(), "0.806292412");
        dec(a.getMaintenanceMargin(), "0.2671726792");
        assertThat(a.getCurrencies()).extracting(AccountCurrency::getCurrency)
                .containsExactly("BTC", "USDT", "SOL", "ETH");
        dec(a.getCurrencies().get(0).getAvailableFunds(), "0.00030647");
        dec(a.getCurrencies().get(0).getBalance(), "0.00002288");
    }

    @Test
    void shouldMapBalancesAsWithdrawableFreeAndTheRestLocked() {
        List<JsonNode> summaries = AccountMapping.summaries(result(NT2, 2));

        BalanceUpdate usdt = AccountMapping.balance(summaries.get(1), RECOVERY, RECEIVED);

        assertThat(usdt.getAsset()).isEqualTo("USDT");
        dec(usdt.getTotal(), "23.61869");
        dec(usdt.getFree(), "23.618645");
        dec(usdt.getLocked(), "0.000045");
        assertThat(usdt.getSource()).isEqualTo(EventSource.RECOVERY);
    }

    @Test
    void shouldMapTheDocsPosition() {
        // nautilus line 1: get_positions, docs example: BTC-PERPETUAL long 50 USD, size_currency 0.006687487 BTC.
        List<Position> positions = PositionMapping.positions(result(NT, 1), RECOVERY, RECEIVED);

        assertThat(positions).hasSize(1);
        Position p = positions.get(0);
        PositionUpdate u = p.update();
        assertThat(u.getExchange()).isEqualTo("deribit");
        assertThat(u.getSubAccount()).isEqualTo("10");
        assertThat(u.getSymbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(u.getInstrumentId()).isEqualTo("BTC-USD-PERP");
        assertThat(u.getPositionSide()).isEqualTo(PositionSide.NET);
        dec(u.getQuantity(), "50");
        dec(p.sizeCurrency(), "0.006687487");
        dec(u.getEntryPrice(), "7440.18");
        dec(u.getMarkPrice(), "7476.65");
        dec(u.getUnrealizedPnl(), "0");
        dec(u.getRealizedPnl(), "-0.000000009");
        dec(p.totalProfitLoss(), "0.000032781");
        dec(u.getLeverage(), "35.639422");
        assertThat(u.getLiquidationPrice()).isNull();
        assertThat(p.kind()).isEqualTo("future");
        assertThat(u.getSource()).isEqualTo(EventSource.RECOVERY);
    }

    @Test
    void shouldMapAShortAsNegativeAndRefuseASizeThatContradictsItsDirection() {
        ObjectNode shortPosition = (ObjectNode) result(NT, 1).get(0);
        shortPosition.put("direction", "sell").put("size", -50);
        ObjectNode contradiction = (ObjectNode) result(NT, 1).get(0);
        contradiction.put("direction", "sell");

        dec(PositionMapping.position(shortPosition, RECOVERY, RECEIVED).update().getQuantity(), "-50");
        assertThatThrownBy(() -> PositionMapping.position(contradiction, RECOVERY, RECEIVED))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("disagrees with direction");
    }
}
