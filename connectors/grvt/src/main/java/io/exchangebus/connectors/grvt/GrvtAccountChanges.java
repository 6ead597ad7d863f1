package io.exchangebus.connectors.grvt;

import static io.exchangebus.connectors.grvt.GrvtAccountPoller.FUNDING;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.mapping.AccountMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What changed between two reads of a GRVT account ({@link GrvtAccountPoller}): a balance whose free, locked or
 * total differs, an account whose equity, available balance, margins, unrealized PnL or currencies differ. A
 * currency listed before and missing from a later read of the same account comes out as a zero balance: GRVT's docs
 * do not say whether a currency whose balance is zero is listed, and whoever holds the balance must not keep a stale
 * amount. Not thread-safe (the PMS's one delivery thread).
 */
final class GrvtAccountChanges {
    private final String subAccount;
    private final Clock clock;
    private final Map<String, BalanceUpdate> lastBalances = new HashMap<>();
    private AccountUpdate lastAccount;

    GrvtAccountChanges(String subAccount, Clock clock) {
        this.subAccount = Objects.requireNonNull(subAccount, "subAccount");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What changed since the last read, from the trading sub-account's {@code account_summary} and the funding
     * account's {@code funding_account_summary} ({@code null} when not read); with {@code everything}, all of it.
     * An error leaves the last state as it was.
     */
    Result<Changes> of(Result<JsonNode> trading, Result<JsonNode> funding, PrivateContext ctx, boolean everything) {
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
        List<BalanceUpdate> all = new ArrayList<>(balances.value());
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
        List<BalanceUpdate> changedBalances = new ArrayList<>(all.stream().filter(b -> everything || changed(b))
                .toList());
        changedBalances.addAll(vanished(all, funding != null, ctx));
        all.forEach(b -> lastBalances.put(key(b), b));
        return Result.ok(new Changes(changedAccount, changedBalances));
    }

    private boolean changed(BalanceUpdate b) {
        BalanceUpdate last = lastBalances.get(key(b));
        if (last == null) {
            return true;
        }
        List<BigDecimal> before = values(last);
        List<BigDecimal> now = values(b);
        for (int i = 0; i < now.size(); i++) {
            if (before.get(i).compareTo(now.get(i)) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A zero balance for each currency of an account read this time ({@code fundingRead}: the funding account too)
     * that was listed before and is not now; it is forgotten, so a later listing is published again.
     */
    private List<BalanceUpdate> vanished(List<BalanceUpdate> now, boolean fundingRead, PrivateContext ctx) {
        Set<String> listed = new HashSet<>();
        now.forEach(b -> listed.add(key(b)));
        List<BalanceUpdate> gone = new ArrayList<>();
        for (Iterator<BalanceUpdate> it = lastBalances.values().iterator(); it.hasNext(); ) {
            BalanceUpdate last = it.next();
            boolean read = Objects.equals(last.getSubAccount(), subAccount)
                    || fundingRead && FUNDING.equals(last.getSubAccount());
            if (read && !listed.contains(key(last))) {
                it.remove();
                gone.add(BalanceUpdate.newBuilder(last).setFree(BigDecimal.ZERO).setLocked(BigDecimal.ZERO)
                        .setTotal(BigDecimal.ZERO).setExchangeTime(null).setReceiveTime(clock.instant())
                        .setSource(ctx.source()).build());
            }
        }
        return gone;
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
                && IntStream.range(0, a.getCurrencies().size()).allMatch(i ->
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
