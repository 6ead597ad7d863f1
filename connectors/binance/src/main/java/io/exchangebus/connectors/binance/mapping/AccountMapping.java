package io.exchangebus.connectors.binance.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.number.ValueRange;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * REST account answers as events, all {@code source = RECOVERY} (the context's source):
 * <ul>
 *   <li>spot {@code GET /api/v3/account}: each balance as free, locked and total = free + locked; the account's
 *       {@code canTrade} and {@code updateTime};</li>
 *   <li>USD-M {@code GET /fapi/v2/account} or {@code /fapi/v3/account}: the {@code total*} figures as the account
 *       (equity = {@code totalMarginBalance}, i.e. wallet balance plus unrealized PnL), and each of
 *       {@code assets[]} as a balance and as the account's per-currency figures (wallet, margin balance, initial
 *       and maintenance margin, available balance, unrealized profit; Binance reports no per-asset equity, which is
 *       left null rather than derived); {@code GET /fapi/v2/balance} (or v3) items likewise. A futures balance is
 *       free = {@code availableBalance}, total = the wallet balance ({@code walletBalance} or {@code balance}) and
 *       locked = total - free, or zero when unrealized profit makes more available than the wallet holds;</li>
 *   <li>USD-M {@code GET /fapi/v2/positionRisk} or {@code /fapi/v3/positionRisk}: each position with a non-zero
 *       {@code positionAmt} (v2 lists every symbol; v3 only open ones), BOTH as NET, LONG and SHORT as they are.</li>
 * </ul>
 *
 * <p>Ranges ({@link ValueRange}, as Binance defines each field; out of range refuses the answer naming the field):
 * spot {@code free}/{@code locked} zero or above; USD-M wallet, margin and available balances and unrealized PnL of
 * any sign (losses can take them below zero), initial and maintenance margins zero or above; positions: amount of
 * any sign, entry, mark and liquidation prices zero or above (0 when flat or none), leverage above zero.
 */
public final class AccountMapping {

    private AccountMapping() {
    }

    /** Spot {@code /api/v3/account} balances. Assets with nothing are kept: recovery replaces the whole state. */
    public static List<BalanceUpdate> spotBalances(MappingContext ctx, JsonNode account, Instant received) {
        Instant time = time(account, "updateTime");
        List<BalanceUpdate> out = new ArrayList<>();
        for (JsonNode b : array(account.path("balances"), "balances")) {
            BigDecimal free = BinanceFields.decimal(b, "free", NON_NEGATIVE);
            BigDecimal locked = BinanceFields.decimal(b, "locked", NON_NEGATIVE);
            out.add(balance(ctx, BinanceFields.text(b, "asset"), free, locked,
                    BinanceFields.computed("total (free+locked)", free.add(locked)), time, received));
        }
        return out;
    }

    /** Spot {@code /api/v3/account} as the account: spot reports no margin figures, only whether it may trade. */
    public static AccountUpdate spotAccount(MappingContext ctx, JsonNode account, Instant received) {
        return AccountUpdate.newBuilder()
                .setExchange(ctx.exchange()).setAccount(ctx.account()).setMarginAsset(null)
                .setEquity(null).setWalletBalance(null).setAvailableBalance(null).setInitialMargin(null)
                .setMaintenanceMargin(null).setUnrealizedPnl(null)
                .setCanTrade(account.has("canTrade") ? account.get("canTrade").asBoolean() : null)
                .setExchangeTime(time(account, "updateTime")).setReceiveTime(received).setSource(ctx.source())
                .build();
    }

    /** USD-M {@code /fapi/v2|v3/account} as the account (its totals are in USDT, or in USD in multi-assets mode). */
    public static AccountUpdate futuresAccount(MappingContext ctx, JsonNode account, Instant received) {
        boolean multiAssets = account.path("multiAssetsMargin").asBoolean(false);
        return AccountUpdate.newBuilder()
                .setExchange(ctx.exchange()).setAccount(ctx.account())
                .setMarginAsset(multiAssets ? "USD" : "USDT")
                .setEquity(BinanceFields.decimal(account, "totalMarginBalance", SIGNED))
                .setWalletBalance(BinanceFields.decimal(account, "totalWalletBalance", SIGNED))
                .setMarginBalance(BinanceFields.decimal(account, "totalMarginBalance", SIGNED))
                .setAvailableBalance(BinanceFields.decimal(account, "availableBalance", SIGNED))
                .setInitialMargin(BinanceFields.decimal(account, "totalInitialMargin", NON_NEGATIVE))
                .setMaintenanceMargin(BinanceFields.decimal(account, "totalMaintMargin", NON_NEGATIVE))
                .setUnrealizedPnl(BinanceFields.decimal(account, "totalUnrealizedProfit", SIGNED))
                .setCurrencies(futuresCurrencies(account.path("assets")))
                .setCanTrade(account.has("canTrade") ? account.get("canTrade").asBoolean() : null)
                .setExchangeTime(time(account, "updateTime")).setReceiveTime(received).setSource(ctx.source())
                .build();
    }

    /**
     * USD-M {@code /fapi/v2|v3/account} {@code assets[]} as per-currency figures, each as Binance reports it; the
     * v3 account omits nothing of these, but a field missing from an item stays null (never derived).
     */
    static List<AccountCurrency> futuresCurrencies(JsonNode assets) {
        List<AccountCurrency> out = new ArrayList<>();
        for (JsonNode a : array(assets, "assets")) {
            out.add(AccountCurrency.newBuilder()
                    .setCurrency(BinanceFields.text(a, "asset"))
                    .setEquity(null)
                    .setBalance(optional(a, "walletBalance", SIGNED))
                    .setMarginBalance(optional(a, "marginBalance", SIGNED))
                    .setInitialMargin(optional(a, "initialMargin", NON_NEGATIVE))
                    .setMaintenanceMargin(optional(a, "maintMargin", NON_NEGATIVE))
                    .setAvailableFunds(optional(a, "availableBalance", SIGNED))
                    .setUnrealizedPnl(optional(a, "unrealizedProfit", SIGNED))
                    .build());
        }
        return out;
    }

    /** USD-M {@code /fapi/v2|v3/account} {@code assets[]} as balances. */
    public static List<BalanceUpdate> futuresAccountBalances(MappingContext ctx, JsonNode account,
                                                             Instant received) {
        return futuresBalances(ctx, account.path("assets"), received);
    }

    /**
     * USD-M {@code /fapi/v2|v3/balance} items, or {@code account.assets[]}, as balances: total the wallet balance,
     * free the cross wallet balance and locked the rest (isolated margin) — what the user-data stream's
     * ACCOUNT_UPDATE says ({@code wb}, {@code cw}), so stream and recovery mean the same. What is available for new
     * orders (which unrealised profit moves) is {@code AccountUpdate.availableBalance}.
     */
    public static List<BalanceUpdate> futuresBalances(MappingContext ctx, JsonNode items, Instant received) {
        List<BalanceUpdate> out = new ArrayList<>();
        for (JsonNode b : array(items, "balances")) {
            BigDecimal total = BinanceFields.decimal(b, b.has("walletBalance") ? "walletBalance" : "balance", SIGNED);
            BigDecimal free = BinanceFields.decimal(b, "crossWalletBalance", SIGNED);
            BigDecimal locked = BinanceFields.computed("locked (walletBalance-crossWalletBalance)",
                    total.subtract(free));
            out.add(balance(ctx, BinanceFields.text(b, "asset"), free, locked, total, time(b, "updateTime"),
                    received));
        }
        return out;
    }

    /** USD-M {@code /fapi/v2|v3/positionRisk}: the open positions (a snapshot; flat ones left out). */
    public static List<PositionUpdate> positions(MappingContext ctx, JsonNode items, Instant received) {
        return positions(ctx, items, received, false);
    }

    /**
     * USD-M {@code /fapi/v2|v3/positionRisk}, flat positions included when {@code includeFlat}: after a gap in the
     * account stream a position closed meanwhile must be reported as zero.
     */
    public static List<PositionUpdate> positions(MappingContext ctx, JsonNode items, Instant received,
                                                 boolean includeFlat) {
        List<PositionUpdate> out = new ArrayList<>();
        for (JsonNode p : array(items, "positions")) {
            BigDecimal amount = BinanceFields.decimal(p, "positionAmt", SIGNED);
            if (amount.signum() == 0 && !includeFlat) {
                continue;
            }
            String symbol = BinanceFields.text(p, "symbol");
            out.add(PositionUpdate.newBuilder()
                    .setExchange(ctx.exchange()).setAccount(ctx.account())
                    .setSymbol(symbol).setInstrumentId(ctx.instrumentId(symbol))
                    .setPositionSide(positionSide(p.path("positionSide").asText("BOTH")))
                    .setQuantity(amount)
                    .setEntryPrice(amount.signum() == 0 ? null : optional(p, "entryPrice", NON_NEGATIVE))
                    .setMarkPrice(optional(p, "markPrice", NON_NEGATIVE))
                    .setUnrealizedPnl(optional(p, "unRealizedProfit", SIGNED))
                    .setRealizedPnl(null)
                    .setLiquidationPrice(optional(p, "liquidationPrice", NON_NEGATIVE))
                    .setLeverage(optional(p, "leverage", POSITIVE))
                    .setExchangeTime(time(p, "updateTime")).setReceiveTime(received).setSource(ctx.source())
                    .build());
        }
        return out;
    }

    static PositionSide positionSide(String binance) {
        return switch (binance) {
            case "BOTH" -> PositionSide.NET;
            case "LONG" -> PositionSide.LONG;
            case "SHORT" -> PositionSide.SHORT;
            default -> throw new UnmappableMessageException("positionSide '" + binance + "' is not BOTH/LONG/SHORT");
        };
    }

    private static BalanceUpdate balance(MappingContext ctx, String asset, BigDecimal free, BigDecimal locked,
                                         BigDecimal total, Instant time, Instant received) {
        return BalanceUpdate.newBuilder()
                .setExchange(ctx.exchange()).setAccount(ctx.account()).setAsset(asset)
                .setFree(free).setLocked(locked).setTotal(total)
                .setExchangeTime(time).setReceiveTime(received).setSource(ctx.source())
                .build();
    }

    private static BigDecimal optional(JsonNode node, String field, ValueRange range) {
        return BinanceFields.optionalDecimal(node, field, range);
    }

    private static Instant time(JsonNode node, String field) {
        return node.path(field).canConvertToLong() && node.get(field).asLong() > 0
                ? Instant.ofEpochMilli(node.get(field).asLong()) : null;
    }

    private static Iterable<JsonNode> array(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new UnmappableMessageException("'" + what + "' is not an array");
        }
        return node;
    }
}
