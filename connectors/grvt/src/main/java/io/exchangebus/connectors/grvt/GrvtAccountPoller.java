package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.mapping.AccountMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * GRVT has no balance stream (grvt.md §7), so balances and margin are read by polling: the trading sub-account's
 * {@code account_summary} and, when configured, the main account's {@code funding_account_summary}. Only what
 * changed since the last read is published: a balance whose free, locked or total differs, an account whose equity,
 * available balance, margins, unrealized PnL or currencies differ. The funding account's balances carry
 * sub-account {@value #FUNDING}, the trading sub-account's its id: the two are never mixed.
 *
 * <p>Not thread-safe: the PMS calls it on its one delivery thread, and completes reads there.
 */
final class GrvtAccountPoller {

    /** The sub-account value of the funding (main) account's balances. */
    static final String FUNDING = "funding";

    private final GrvtRestClient rest;
    private final String account;
    private final String subAccount;
    private final boolean fundingAccount;
    private final Clock clock;
    private final Map<String, List<BigDecimal>> lastBalances = new HashMap<>();
    private AccountUpdate lastAccount;

    GrvtAccountPoller(GrvtRestClient rest, String account, String subAccount, boolean fundingAccount, Clock clock) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.account = Objects.requireNonNull(account, "account");
        this.subAccount = Objects.requireNonNull(subAccount, "subAccount");
        this.fundingAccount = fundingAccount;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the account(s) and returns what changed, marked {@code source}; with {@code everything}, all of it
     * (after a reconnect, so the view is whole again). Errors are returned, the last state kept.
     */
    CompletableFuture<Result<Changes>> poll(EventSource source, boolean everything) {
        PrivateContext ctx = new PrivateContext(account, source);
        CompletableFuture<Result<JsonNode>> trading = rest.read("v1/account_summary",
                GrvtRestClient.body().put("sub_account_id", subAccount));
        CompletableFuture<Result<JsonNode>> funding = fundingAccount
                ? rest.read("v1/funding_account_summary", GrvtRestClient.body())
                : CompletableFuture.completedFuture(null);
        return trading.thenCombine(funding, (t, f) -> changes(t, f, ctx, everything));
    }

    private Result<Changes> changes(Result<JsonNode> trading, Result<JsonNode> funding, PrivateContext ctx,
                                    boolean everything) {
        if (!trading.isOk()) {
            return Result.err(trading.error());
        }
        JsonNode result = trading.value().path("result");
        Result<AccountUpdate> summary = AccountMapping.accountSummary(result, false, ctx, clock.instant());
        Result<List<BalanceUpdate>> balances = AccountMapping.balances(result, false, ctx, subAccount,
                clock.instant());
        if (!summary.isOk()) {
            return Result.err(summary.error());
        }
        if (!balances.isOk()) {
            return Result.err(balances.error());
        }
        List<BalanceUpdate> all = new java.util.ArrayList<>(balances.value());
        if (funding != null) {
            if (!funding.isOk()) {
                return Result.err(funding.error());
            }
            Result<List<BalanceUpdate>> main = AccountMapping.balances(funding.value().path("result"), false, ctx,
                    FUNDING, clock.instant());
            if (!main.isOk()) {
                return Result.err(main.error());
            }
            all.addAll(main.value());
        }
        AccountUpdate changedAccount = everything || !sameAccount(lastAccount, summary.value())
                ? summary.value() : null;
        lastAccount = summary.value();
        List<BalanceUpdate> changedBalances = all.stream().filter(b -> everything || changed(b)).toList();
        all.forEach(b -> lastBalances.put(key(b), values(b)));
        return Result.ok(new Changes(changedAccount, changedBalances));
    }

    private boolean changed(BalanceUpdate b) {
        List<BigDecimal> last = lastBalances.get(key(b));
        List<BigDecimal> now = values(b);
        if (last == null) {
            return true;
        }
        for (int i = 0; i < now.size(); i++) {
            if (last.get(i).compareTo(now.get(i)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static String key(BalanceUpdate b) {
        return b.getSubAccount() + "/" + b.getAsset();
    }

    private static List<BigDecimal> values(BalanceUpdate b) {
        return List.of(b.getFree(), b.getLocked(), b.getTotal());
    }

    /** Equal in what an account update says, its times and source left aside. */
    static boolean sameAccount(AccountUpdate a, AccountUpdate b) {
        if (a == null || b == null) {
            return false;
        }
        return same(a.getEquity(), b.getEquity()) && same(a.getAvailableBalance(), b.getAvailableBalance())
                && same(a.getInitialMargin(), b.getInitialMargin())
                && same(a.getMaintenanceMargin(), b.getMaintenanceMargin())
                && same(a.getUnrealizedPnl(), b.getUnrealizedPnl())
                && Objects.equals(a.getMarginAsset(), b.getMarginAsset())
                && a.getCurrencies().size() == b.getCurrencies().size()
                && java.util.stream.IntStream.range(0, a.getCurrencies().size()).allMatch(i ->
                a.getCurrencies().get(i).getCurrency().equals(b.getCurrencies().get(i).getCurrency())
                        && same(a.getCurrencies().get(i).getBalance(), b.getCurrencies().get(i).getBalance()));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** What a read found changed: the account (null if unchanged) and the balances that changed. */
    record Changes(AccountUpdate account, List<BalanceUpdate> balances) {
        void deliver(Consumer<AccountUpdate> accounts, Consumer<BalanceUpdate> balanceSink) {
            if (account != null) {
                accounts.accept(account);
            }
            balances.forEach(balanceSink);
        }
    }
}
