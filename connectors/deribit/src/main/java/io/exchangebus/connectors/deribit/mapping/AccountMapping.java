package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimal;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.decimalOrNull;
import static io.exchangebus.connectors.deribit.mapping.DeribitFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deribit's per-currency account figures ({@code user.portfolio.{currency}} data, {@code private/get_account_summary}
 * result, each of {@code private/get_account_summaries}' {@code summaries}) as {@link AccountUpdate}s and
 * {@link BalanceUpdate}s.
 *
 * <pre>
 *   per currency (AccountCurrency)   equity, balance, margin_balance, initial_margin, maintenance_margin,
 *                                    available_funds, session_upl (unrealized PnL not yet settled into balance:
 *                                    equity = balance + session_upl for futures)
 *   account-wide (AccountUpdate)     one currency: that currency's figures, marginAsset = currency.
 *                                    Cross-collateral (cross_collateral_enabled with total_*_usd): the totals in
 *                                    USD (total_equity_usd, total_margin_balance_usd, total_initial_margin_usd,
 *                                    total_maintenance_margin_usd), marginAsset "USD".
 *                                    Several segregated currencies: no account-wide figure (null), they are in
 *                                    currencies[] only — adding BTC to ETH would be meaningless.
 *   balance (BalanceUpdate)          total = balance, free = available_withdrawal_funds, locked = the difference
 *                                    (margin and reserves held in that currency). available_funds is not "free":
 *                                    under cross collateral it counts other currencies and may exceed the balance.
 * </pre>
 * Exchange time: Deribit's account figures carry none (null). The ids of {@code get_account_summaries} are not read:
 * the sub-account comes from the {@link PrivateContext}.
 */
public final class AccountMapping {

    private AccountMapping() {
    }

    /** One currency's figures ({@code user.portfolio} data or a {@code get_account_summary} result). */
    public static AccountUpdate account(JsonNode summary, PrivateContext ctx, Instant received) {
        return account(List.of(summary), ctx, received);
    }

    /**
     * The figures of several currencies as one update: a {@code get_account_summaries} result
     * ({@code {"summaries": [...]}}), an array of {@code get_account_summary} results, or one of them.
     */
    public static AccountUpdate account(List<JsonNode> summaries, PrivateContext ctx, Instant received) {
        if (summaries.isEmpty()) {
            throw new UnmappableMessageException("no account summary");
        }
        List<AccountCurrency> currencies = new ArrayList<>(summaries.size());
        for (JsonNode s : summaries) {
            currencies.add(currency(s));
        }
        AccountUpdate.Builder b = AccountUpdate.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE).setAccount(ctx.account()).setSubAccount(ctx.subAccount())
                .setCurrencies(currencies).setCanTrade(null).setExchangeTime(null)
                .setReceiveTime(Objects.requireNonNull(received, "received")).setSource(ctx.source());
        JsonNode first = summaries.get(0);
        if (first.path("cross_collateral_enabled").asBoolean(false) && first.hasNonNull("total_equity_usd")) {
            b.setMarginAsset("USD")
                    .setEquity(exact("total_equity_usd", decimal(first, "total_equity_usd")))
                    .setMarginBalance(exactOrNull("total_margin_balance_usd",
                            decimalOrNull(first, "total_margin_balance_usd")))
                    .setInitialMargin(exactOrNull("total_initial_margin_usd",
                            decimalOrNull(first, "total_initial_margin_usd")))
                    .setMaintenanceMargin(exactOrNull("total_maintenance_margin_usd",
                            decimalOrNull(first, "total_maintenance_margin_usd")));
        } else if (currencies.size() == 1) {
            AccountCurrency c = currencies.get(0);
            b.setMarginAsset(c.getCurrency()).setEquity(c.getEquity()).setWalletBalance(c.getBalance())
                    .setMarginBalance(c.getMarginBalance()).setAvailableBalance(c.getAvailableFunds())
                    .setInitialMargin(c.getInitialMargin()).setMaintenanceMargin(c.getMaintenanceMargin())
                    .setUnrealizedPnl(c.getUnrealizedPnl());
        }
        return b.build();
    }

    /** The {@code summaries} of a {@code private/get_account_summaries} result. */
    public static List<JsonNode> summaries(JsonNode result) {
        JsonNode list = result == null ? null : result.get("summaries");
        if (list == null || !list.isArray()) {
            throw new UnmappableMessageException("result.summaries is not an array");
        }
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    /** One currency's figures. */
    public static AccountCurrency currency(JsonNode s) {
        if (s == null || !s.isObject()) {
            throw new UnmappableMessageException("account summary is not an object");
        }
        return AccountCurrency.newBuilder()
                .setCurrency(text(s, "currency"))
                .setEquity(exact("equity", decimal(s, "equity")))
                .setBalance(exact("balance", decimal(s, "balance")))
                .setMarginBalance(exact("margin_balance", decimal(s, "margin_balance")))
                .setInitialMargin(exact("initial_margin", decimal(s, "initial_margin")))
                .setMaintenanceMargin(exact("maintenance_margin", decimal(s, "maintenance_margin")))
                .setAvailableFunds(exact("available_funds", decimal(s, "available_funds")))
                .setUnrealizedPnl(exactOrNull("session_upl", decimalOrNull(s, "session_upl")))
                .build();
    }

    /** One currency's wallet as a balance: total = balance, free = available_withdrawal_funds. */
    public static BalanceUpdate balance(JsonNode s, PrivateContext ctx, Instant received) {
        BigDecimal total = decimal(s, "balance");
        BigDecimal free = decimal(s, "available_withdrawal_funds");
        return BalanceUpdate.newBuilder()
                .setExchange(DeribitErrors.EXCHANGE).setAccount(ctx.account()).setSubAccount(ctx.subAccount())
                .setAsset(text(s, "currency"))
                .setFree(exact("available_withdrawal_funds", free))
                .setLocked(exact("locked", total.subtract(free)))
                .setTotal(exact("balance", total))
                .setExchangeTime(null)
                .setReceiveTime(Objects.requireNonNull(received, "received"))
                .setSource(ctx.source())
                .build();
    }

    private static BigDecimal exact(String field, BigDecimal value) {
        return ExactDecimals.exact(field, value);
    }

    private static BigDecimal exactOrNull(String field, BigDecimal value) {
        return value == null ? null : ExactDecimals.exact(field, value);
    }
}
