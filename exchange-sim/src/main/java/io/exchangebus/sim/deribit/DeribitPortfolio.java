package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.account.Accounts;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Positions, margins and account summaries per currency, in the settlement currency. PnL is the ledger's: inverse
 * {@code size_usd × (1/entry − 1/mark)} in the coin, linear {@code size × (mark − entry)} in USDC, options
 * {@code size × (mark − entry)} in BTC. Margins are a simple model (documented deviation): futures initial margin
 * {@value #IM_RATE_TEXT} of the position's value at mark (1 / max_leverage 50), maintenance half of it; short options
 * 0.15 of the underlying amount plus the mark value initial, 0.075 plus mark maintenance; long options none. Open
 * orders add the initial margin of their remainder (option buys: their premium). Amounts are printed with
 * Deribit's decimals ({@link Amounts}); the ledger stays exact.
 */
final class DeribitPortfolio {

    private static final String IM_RATE_TEXT = "0.02";
    private static final BigDecimal IM_RATE = new BigDecimal(IM_RATE_TEXT);
    private static final BigDecimal MM_RATE = new BigDecimal("0.01");
    private static final BigDecimal OPTION_IM = new BigDecimal("0.15");
    private static final BigDecimal OPTION_MM = new BigDecimal("0.075");

    private final DeribitMarket market;
    private final Accounts accounts;
    private final BiFunction<String, DeribitInstrument, List<OrderState>> openOrders;

    /** @param openOrders an account's open orders in an instrument: {@code (account) -> (instrument) -> orders} */
    DeribitPortfolio(DeribitMarket market, Accounts accounts,
                     BiFunction<String, DeribitInstrument, List<OrderState>> openOrders) {
        this.market = market;
        this.accounts = accounts;
        this.openOrders = openOrders;
    }

    /** Totals of one account in one currency. */
    record Summary(BigDecimal balance, BigDecimal futuresUpl, BigDecimal futuresRpl, BigDecimal optionsUpl,
                   BigDecimal optionsValue, BigDecimal initialMargin, BigDecimal maintenanceMargin,
                   BigDecimal openOrdersMargin, BigDecimal delta, double optionsDelta, double gamma, double vega,
                   double theta) {
        BigDecimal equity() {
            return balance.add(futuresUpl).add(optionsValue);
        }

        BigDecimal availableFunds() {
            return equity().subtract(initialMargin);
        }
    }

    Summary summary(String account, String currency) {
        BigDecimal balance = accounts.exists(account) ? accounts.balance(account, currency).total() : BigDecimal.ZERO;
        BigDecimal futUpl = BigDecimal.ZERO, futRpl = BigDecimal.ZERO, optUpl = BigDecimal.ZERO;
        BigDecimal optValue = BigDecimal.ZERO, im = BigDecimal.ZERO, mm = BigDecimal.ZERO, ordersIm = BigDecimal.ZERO;
        BigDecimal delta = BigDecimal.ZERO;
        double optDelta = 0, gamma = 0, vega = 0, theta = 0;
        for (DeribitInstrument i : market.instruments()) {
            if (!i.currency().equals(currency) || !accounts.exists(account)) {
                continue;
            }
            Position p = accounts.position(account, i.name());
            BigDecimal mark = market.mark(i);
            ordersIm = ordersIm.add(openOrdersMargin(account, i));
            if (!i.isOption()) {
                futRpl = futRpl.add(p.realizedPnl());
            }
            if (p.quantity().signum() == 0) {
                continue;
            }
            im = im.add(initialMargin(i, p.quantity(), mark));
            mm = mm.add(maintenanceMargin(i, p.quantity(), mark));
            delta = delta.add(delta(i, p.quantity()));
            if (i.isOption()) {
                optUpl = optUpl.add(p.unrealizedPnl(mark));
                optValue = optValue.add(p.quantity().multiply(mark));
                BlackScholes.Greeks g = market.greeks(i);
                double q = p.quantity().doubleValue();
                optDelta += g.delta() * q;
                gamma += g.gamma() * q;
                vega += g.vega() * q;
                theta += g.theta() * q;
            } else {
                futUpl = futUpl.add(p.unrealizedPnl(mark));
            }
        }
        return new Summary(balance, futUpl, futRpl, optUpl, optValue, im.add(ordersIm), mm, ordersIm, delta,
                optDelta, gamma, vega, theta);
    }

    /** The position's delta in the underlying coin: inverse {@code USD / index}, linear its size, options BS delta × size. */
    BigDecimal delta(DeribitInstrument i, BigDecimal qty) {
        if (i.isOption()) {
            return BigDecimal.valueOf(market.greeks(i).delta()).multiply(qty).setScale(9, java.math.RoundingMode.HALF_EVEN);
        }
        return i.isInverse() ? qty.divide(market.index(i), 9, java.math.RoundingMode.HALF_EVEN) : qty;
    }

    BigDecimal initialMargin(DeribitInstrument i, BigDecimal qty, BigDecimal mark) {
        if (i.isOption()) {
            return qty.signum() > 0 ? BigDecimal.ZERO : qty.abs().multiply(OPTION_IM.add(mark));
        }
        return i.engine().settlementValue(qty.abs(), mark).multiply(IM_RATE);
    }

    BigDecimal maintenanceMargin(DeribitInstrument i, BigDecimal qty, BigDecimal mark) {
        if (i.isOption()) {
            return qty.signum() > 0 ? BigDecimal.ZERO : qty.abs().multiply(OPTION_MM.add(mark));
        }
        return i.engine().settlementValue(qty.abs(), mark).multiply(MM_RATE);
    }

    /** The initial margin a new order of {@code amount} at {@code price} (null: at mark) needs. */
    BigDecimal orderMargin(DeribitInstrument i, Side side, BigDecimal amount, BigDecimal price) {
        BigDecimal at = price == null ? market.mark(i) : price;
        if (i.isOption()) {
            return side == Side.BUY ? amount.multiply(at) : amount.multiply(OPTION_IM);
        }
        return i.engine().settlementValue(amount, at).multiply(IM_RATE);
    }

    private BigDecimal openOrdersMargin(String account, DeribitInstrument i) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderState o : openOrders.apply(account, i)) {
            sum = sum.add(orderMargin(i, o.side(), o.remainingQuantity(), o.price()));
        }
        return sum;
    }

    // ---- views -----------------------------------------------------------------------------------------------

    /** {@code user.portfolio.{currency}} data; {@code get_account_summary} adds to it. */
    ObjectNode portfolio(String account, String currency) {
        Summary s = summary(account, currency);
        ObjectNode o = Json.object();
        o.set("total_pl", Amounts.account(s.futuresUpl().add(s.futuresRpl()).add(s.optionsUpl()), currency));
        o.set("session_upl", Amounts.account(s.futuresUpl().add(s.optionsUpl()), currency));
        o.set("session_rpl", Amounts.account(s.futuresRpl(), currency));
        o.set("projected_maintenance_margin", Amounts.account(s.maintenanceMargin(), currency));
        o.set("projected_initial_margin", Amounts.account(s.initialMargin(), currency));
        o.set("projected_delta_total", Json.num(s.delta()));
        o.put("portfolio_margining_enabled", false);
        o.set("options_vega", Json.num(s.vega(), 5));
        o.set("options_value", Amounts.account(s.optionsValue(), currency));
        o.set("options_theta", Json.num(s.theta(), 5));
        o.set("options_session_upl", Amounts.account(s.optionsUpl(), currency));
        o.set("options_session_rpl", Amounts.account(BigDecimal.ZERO, currency));
        o.set("options_pl", Amounts.account(s.optionsUpl(), currency));
        o.set("options_gamma", Json.num(s.gamma(), 5));
        o.set("options_delta", Json.num(s.optionsDelta(), 5));
        o.set("margin_balance", Amounts.account(s.equity(), currency));
        o.set("maintenance_margin", Amounts.account(s.maintenanceMargin(), currency));
        o.set("initial_margin", Amounts.account(s.initialMargin(), currency));
        o.set("futures_session_upl", Amounts.account(s.futuresUpl(), currency));
        o.set("futures_session_rpl", Amounts.account(s.futuresRpl(), currency));
        o.set("futures_pl", Amounts.account(s.futuresUpl().add(s.futuresRpl()), currency));
        o.set("estimated_liquidation_ratio", Json.num(ratio(s.maintenanceMargin(), s.equity())));
        o.set("equity", Amounts.account(s.equity(), currency));
        o.set("delta_total", Json.num(s.delta()));
        o.put("currency", currency);
        o.set("balance", Amounts.account(s.balance(), currency));
        BigDecimal withdrawable = s.availableFunds().min(s.balance()).max(BigDecimal.ZERO);
        o.set("available_withdrawal_funds", Amounts.account(withdrawable, currency));
        o.set("available_funds", Amounts.account(s.availableFunds(), currency));
        o.set("fee_balance", Amounts.account(BigDecimal.ZERO, currency));
        o.put("margin_model", "segregated_sm");
        return o;
    }

    private static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return b.signum() <= 0 ? BigDecimal.ZERO : a.divide(b, 8, java.math.RoundingMode.HALF_EVEN);
    }

    /** The {@code private/get_positions} items of an account in {@code currency} ("any": all), of {@code kind} or all. */
    ArrayNode positions(String account, String currency, String kind) {
        ArrayNode out = Json.array();
        for (DeribitInstrument i : market.instruments()) {
            boolean currencyMatches = currency == null || currency.equalsIgnoreCase("any")
                    || currency.equalsIgnoreCase(i.currency());
            if (currencyMatches && (kind == null || kind.equals("any") || kind.equals(i.kind()))) {
                Position p = accounts.position(account, i.name());
                if (p.quantity().signum() != 0) {
                    out.add(position(account, i, p));
                }
            }
        }
        return out;
    }

    ObjectNode position(String account, DeribitInstrument i, Position p) {
        BigDecimal mark = market.mark(i);
        BigDecimal floating = p.quantity().signum() == 0 ? BigDecimal.ZERO : p.unrealizedPnl(mark);
        ObjectNode o = Json.object();
        o.set("average_price", Json.num(p.averageEntryPrice()));
        o.set("delta", Amounts.position(delta(i, p.quantity()), i.currency()));
        o.put("direction", p.quantity().signum() > 0 ? "buy" : p.quantity().signum() < 0 ? "sell" : "zero");
        o.putNull("estimated_liquidation_price");
        o.set("floating_profit_loss", Amounts.position(floating, i.currency()));
        o.set("index_price", Json.num(market.index(i)));
        o.set("initial_margin", Amounts.position(initialMargin(i, p.quantity(), mark), i.currency()));
        o.put("instrument_name", i.name());
        o.put("interest_value", 0.0);
        o.put("kind", i.kind());
        o.put("leverage", i.maxLeverage());
        o.set("maintenance_margin", Amounts.position(maintenanceMargin(i, p.quantity(), mark), i.currency()));
        o.set("mark_price", Json.num(mark));
        o.set("open_orders_margin", Amounts.position(openOrdersMargin(account, i), i.currency()));
        o.set("realized_funding", Json.num(BigDecimal.ZERO));
        o.set("realized_profit_loss", Amounts.position(p.realizedPnl(), i.currency()));
        o.set("settlement_price", Json.num(mark));
        o.set("size", Json.num(p.quantity()));
        o.set("size_currency", Amounts.position(sizeCurrency(i, p.quantity(), mark), i.currency()));
        o.set("total_profit_loss", Amounts.position(floating.add(p.realizedPnl()), i.currency()));
        return o;
    }

    /** The size in the base coin: inverse {@code USD / mark} (9 decimals), else the size itself. */
    static BigDecimal sizeCurrency(DeribitInstrument i, BigDecimal qty, BigDecimal mark) {
        return i.isInverse() ? qty.divide(mark, 9, java.math.RoundingMode.HALF_EVEN) : qty;
    }
}
