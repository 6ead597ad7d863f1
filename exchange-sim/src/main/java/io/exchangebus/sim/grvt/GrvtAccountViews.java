package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.account.Balance;
import io.exchangebus.sim.account.Position;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Positions and {@code account_summary} of a sub-account in GRVT's fields (fixtures: {@code full/v1/positions},
 * {@code full/v1/account_summary}). Margin is simplified: cross margin at 10× leverage, initial margin
 * {@code |notional| / 10}, maintenance half of it; no funding, no liquidation price model.
 */
final class GrvtAccountViews {

    static final BigDecimal LEVERAGE = BigDecimal.TEN;

    private GrvtAccountViews() {
    }

    static ObjectNode position(BigInteger sub, Position p, BigDecimal mark, Instant now) {
        BigDecimal notional = p.quantity().multiply(mark);
        BigDecimal upnl = p.unrealizedPnl(mark);
        BigDecimal margin = notional.abs().divide(LEVERAGE);
        ObjectNode out = Json.object().put("event_time", Json.nanos(now)).put("sub_account_id", sub.toString())
                .put("instrument", p.symbol()).put("size", Json.decimal(p.quantity()))
                .put("notional", Json.decimal(notional)).put("entry_price", Json.decimal(p.averageEntryPrice()))
                .put("exit_price", "0.0").put("mark_price", Json.decimal(mark))
                .put("unrealized_pnl", Json.decimal(upnl)).put("realized_pnl", Json.decimal(p.realizedPnl()))
                .put("total_pnl", Json.decimal(upnl.add(p.realizedPnl())));
        out.put("roi", margin.signum() == 0 ? "0.0"
                : Json.decimal(upnl.multiply(BigDecimal.valueOf(100)).divide(margin, 2,
                java.math.RoundingMode.HALF_EVEN)));
        return out.put("quote_index_price", "1.0").put("est_liquidation_price", 0.0)
                .put("leverage", LEVERAGE.toPlainString()).put("cumulative_fee", "0.0")
                .put("cumulative_realized_funding_payment", "0.0").put("margin_type", "cross")
                .put("isolated_balance", "0.0").put("isolated_im", "0.0").put("isolated_mm", "0.0");
    }

    /** The sub-account's open positions (flat ones left out). */
    static ArrayNode positions(BigInteger sub, AccountSnapshot account, Function<String, BigDecimal> mark,
                               Instant now) {
        ArrayNode out = Json.array();
        for (Position p : sortedPositions(account)) {
            out.add(position(sub, p, mark.apply(p.symbol()), now));
        }
        return out;
    }

    static ObjectNode summary(BigInteger sub, AccountSnapshot account, String settle,
                              Function<String, BigDecimal> mark, Instant now) {
        BigDecimal upnl = BigDecimal.ZERO;
        BigDecimal im = BigDecimal.ZERO;
        for (Position p : sortedPositions(account)) {
            BigDecimal m = mark.apply(p.symbol());
            upnl = upnl.add(p.unrealizedPnl(m));
            im = im.add(p.quantity().multiply(m).abs().divide(LEVERAGE));
        }
        Balance cash = account.balances().getOrDefault(settle, new Balance(settle, BigDecimal.ZERO, BigDecimal.ZERO));
        BigDecimal equity = cash.total().add(upnl);
        BigDecimal mm = im.divide(BigDecimal.valueOf(2));
        ObjectNode out = Json.object().put("event_time", Json.nanos(now)).put("sub_account_id", sub.toString())
                .put("margin_type", "SIMPLE_CROSS_MARGIN").put("settle_currency", settle)
                .put("unrealized_pnl", Json.decimal(upnl)).put("total_equity", Json.decimal(equity))
                .put("initial_margin", Json.decimal(im)).put("maintenance_margin", Json.decimal(mm))
                .put("available_balance", Json.decimal(equity.subtract(im).max(BigDecimal.ZERO)));
        ArrayNode spot = out.putArray("spot_balances");
        account.balances().values().stream().sorted(java.util.Comparator.comparing(Balance::asset))
                .forEach(b -> spot.addObject().put("currency", b.asset()).put("balance", Json.decimal(b.total()))
                        .put("index_price", "1.0").put("entry_price", "1.0").put("realized_pnl", "0.0")
                        .put("unrealized_pnl", "0.0").put("available_to_transfer", Json.decimal(b.free())));
        out.set("positions", positions(sub, account, mark, now));
        return out.put("settle_index_price", "1.0").put("is_vault", false).put("vault_im_additions", "0.0")
                .put("derisk_margin", Json.decimal(mm.multiply(new BigDecimal("1.5"))))
                .put("derisk_to_maintenance_margin_ratio", "1.5").put("total_cross_equity", Json.decimal(equity))
                .put("cross_unrealized_pnl", Json.decimal(upnl)).put("sub_account_mode", "SINGLE_ASSET_MODE")
                .put("margin_balance", Json.decimal(equity));
    }

    private static List<Position> sortedPositions(AccountSnapshot account) {
        return account.positions().values().stream().filter(p -> p.quantity().signum() != 0)
                .sorted(java.util.Comparator.comparing(Position::symbol)).toList();
    }
}
