package io.exchangebus.connectors.grvt.mapping;

import static io.exchangebus.connectors.core.number.ValueRange.NON_NEGATIVE;
import static io.exchangebus.connectors.core.number.ValueRange.POSITIVE;
import static io.exchangebus.connectors.core.number.ValueRange.SIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.GrvtVenue;
import io.exchangebus.events.AccountCurrency;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.PositionSide;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GRVT's fills, positions and sub-account summary (full or lite) to our events:
 * <ul>
 *   <li>{@code v1.fill} / {@code fill_history} item → {@link UserFill}: {@code is_buyer} the side,
 *       {@code is_taker} the liquidity, {@code fee} signed (a maker rebate is negative).</li>
 *   <li>{@code v1.position} / {@code positions} item → {@link PositionUpdate}, one NET position: {@code size}
 *       signed (negative short), entry, mark, unrealized and realized PnL, estimated liquidation price, leverage.</li>
 *   <li>{@code account_summary} → {@link AccountUpdate}: {@code settle_currency} the margin asset,
 *       {@code total_equity}, {@code available_balance}, initial and maintenance margin, unrealized PnL, and one
 *       currency per {@code spot_balances} item. There is no balance stream: this is polled (grvt.md §7).</li>
 * </ul>
 */
public final class AccountMapping {

    private AccountMapping() {
    }

    public static Result<UserFill> fill(JsonNode item, boolean lite) {
        return GrvtMapped.of(() -> {
            GrvtObject f = GrvtObject.of(item, lite, lite ? "f" : "feed");
            String symbol = f.text("instrument", "i");
            Fill fill = Fill.newBuilder()
                    .setTradeId(f.text("trade_id", "ti"))
                    .setPrice(f.decimal("price", "p", POSITIVE))
                    .setQuantity(f.decimal("size", "s", POSITIVE))
                    .setFee(f.decimal("fee", "f", SIGNED))
                    .setFeeAsset(f.textOrNull("fee_currency", "fc"))
                    .setLiquidity(f.bool("is_taker", "it") ? Liquidity.TAKER : Liquidity.MAKER)
                    .setExchangeTime(f.nanos("event_time", "et"))
                    .build();
            return new UserFill(f.text("sub_account_id", "sa"), symbol,
                    GrvtSymbols.instrumentId(symbol).toString(), f.text("order_id", "oi"),
                    f.textOrNull("client_order_id", "co"), f.bool("is_buyer", "ib") ? Side.BUY : Side.SELL, fill);
        });
    }

    public static Result<PositionUpdate> position(JsonNode item, boolean lite, PrivateContext ctx,
                                                  Instant receivedAt) {
        return GrvtMapped.of(() -> {
            GrvtObject p = GrvtObject.of(item, lite, lite ? "f" : "feed");
            String symbol = p.text("instrument", "i");
            return PositionUpdate.newBuilder()
                    .setExchange(GrvtVenue.EXCHANGE).setAccount(ctx.account())
                    .setSubAccount(p.textOrNull("sub_account_id", "sa"))
                    .setSymbol(symbol).setInstrumentId(GrvtSymbols.instrumentId(symbol).toString())
                    .setPositionSide(PositionSide.NET)
                    .setQuantity(p.decimal("size", "s", SIGNED))
                    .setEntryPrice(p.decimalOrNull("entry_price", "ep", NON_NEGATIVE))
                    .setMarkPrice(p.decimalOrNull("mark_price", "mp", NON_NEGATIVE))
                    .setUnrealizedPnl(p.decimalOrNull("unrealized_pnl", "up", SIGNED))
                    .setRealizedPnl(p.decimalOrNull("realized_pnl", "rp", SIGNED))
                    .setLiquidationPrice(p.decimalOrNull("est_liquidation_price", "el", NON_NEGATIVE))
                    .setLeverage(p.decimalOrNull("leverage", "l", NON_NEGATIVE))
                    .setExchangeTime(p.nanosOrNull("event_time", "et"))
                    .setReceiveTime(receivedAt)
                    .setSource(ctx.source())
                    .build();
        });
    }

    /** The {@code result} of {@code full/v1/account_summary}. */
    public static Result<AccountUpdate> accountSummary(JsonNode result, boolean lite, PrivateContext ctx,
                                                       Instant receivedAt) {
        return GrvtMapped.of(() -> {
            GrvtObject a = GrvtObject.of(result, lite, lite ? "r" : "result");
            List<AccountCurrency> currencies = new ArrayList<>();
            if (a.has("spot_balances", "sb")) {
                JsonNode balances = a.array("spot_balances", "sb");
                for (int i = 0; i < balances.size(); i++) {
                    GrvtObject b = GrvtObject.of(balances.get(i), lite, a.name("spot_balances", "sb") + "[" + i + "]");
                    currencies.add(AccountCurrency.newBuilder().setCurrency(b.text("currency", "c"))
                            .setBalance(b.decimal("balance", "b", SIGNED)).build());
                }
            }
            return AccountUpdate.newBuilder()
                    .setExchange(GrvtVenue.EXCHANGE).setAccount(ctx.account())
                    .setSubAccount(a.textOrNull("sub_account_id", "sa"))
                    .setMarginAsset(a.text("settle_currency", "sc"))
                    .setEquity(a.decimalOrNull("total_equity", "te", SIGNED))
                    .setAvailableBalance(a.decimalOrNull("available_balance", "ab", SIGNED))
                    .setInitialMargin(a.decimalOrNull("initial_margin", "im", NON_NEGATIVE))
                    .setMaintenanceMargin(a.decimalOrNull("maintenance_margin", "mm", NON_NEGATIVE))
                    .setUnrealizedPnl(a.decimalOrNull("unrealized_pnl", "up", SIGNED))
                    .setCurrencies(currencies)
                    .setExchangeTime(a.nanosOrNull("event_time", "et"))
                    .setReceiveTime(receivedAt)
                    .setSource(ctx.source())
                    .build();
        });
    }

    /**
     * One {@link BalanceUpdate} per {@code spot_balances} item of an {@code account_summary} (a trading sub-account)
     * or a {@code funding_account_summary} (the main account) {@code result}: {@code balance} is the total,
     * {@code available_to_transfer} what is free (the whole balance when absent), the rest locked (margin in use).
     *
     * @param subAccount the sub-account id, or {@code funding} for the main account: the two are never mixed
     */
    public static Result<List<BalanceUpdate>> balances(JsonNode result, boolean lite, PrivateContext ctx,
                                                       String subAccount, Instant receivedAt) {
        return GrvtMapped.of(() -> {
            GrvtObject a = GrvtObject.of(result, lite, lite ? "r" : "result");
            List<BalanceUpdate> out = new ArrayList<>();
            if (!a.has("spot_balances", "sb")) {
                return out;
            }
            JsonNode balances = a.array("spot_balances", "sb");
            Instant at = a.nanosOrNull("event_time", "et");
            for (int i = 0; i < balances.size(); i++) {
                GrvtObject b = GrvtObject.of(balances.get(i), lite, a.name("spot_balances", "sb") + "[" + i + "]");
                BigDecimal total = b.decimal("balance", "b", SIGNED);
                BigDecimal free = b.has("available_to_transfer", "at")
                        ? b.decimal("available_to_transfer", "at", SIGNED) : total;
                out.add(BalanceUpdate.newBuilder()
                        .setExchange(GrvtVenue.EXCHANGE).setAccount(ctx.account()).setSubAccount(subAccount)
                        .setAsset(b.text("currency", "c"))
                        .setFree(free).setLocked(total.subtract(free)).setTotal(total)
                        .setExchangeTime(at).setReceiveTime(receivedAt).setSource(ctx.source())
                        .build());
            }
            return out;
        });
    }
}
