package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceCore.JSON;
import static io.exchangebus.sim.binance.BinanceCore.LEVERAGE;
import static io.exchangebus.sim.binance.BinanceCore.fmt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * USDⓈ-M cross margin at {@link BinanceCore#LEVERAGE}: the margin checks before an order, and the account, balance
 * and position-risk views ({@code /fapi/v2|v3/account|balance|positionRisk} and their WebSocket-API methods).
 */
final class UsdmMargin {

    private final BinanceCore core;
    private final Simulator sim;
    private final Collection<BinanceSymbol> symbols;

    UsdmMargin(BinanceCore core) {
        this.core = core;
        this.sim = core.sim;
        this.symbols = core.symbols.values();
    }

    private String qty(BinanceSymbol s, BigDecimal v) {
        return core.qty(s, v);
    }

    private long now() {
        return core.now();
    }

    void checkReduceOnlyAndMargin(String account, BinanceSymbol s, OrderRequest r, boolean reduceOnly) {
        Position pos = sim.accounts().position(account, s.symbol());
        if (reduceOnly) {
            BigDecimal signed = r.side() == Side.BUY ? r.quantity() : r.quantity().negate();
            if (pos.quantity().signum() == 0 || pos.quantity().signum() == signed.signum()
                    || r.quantity().compareTo(pos.quantity().abs()) > 0) {
                throw new BinanceException(400, -2022, "ReduceOnly Order is rejected.");
            }
            return;
        }
        BigDecimal mark = core.referencePrice(s);
        BigDecimal px = r.price() != null ? r.price() : r.stopPrice() != null ? r.stopPrice() : mark;
        if (px == null) {
            return;
        }
        BigDecimal need = px.multiply(r.quantity()).divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
        if (need.compareTo(availableBalance(account)) > 0) {
            throw new BinanceException(400, -2019, "Margin is insufficient.");
        }
    }

    BigDecimal markPrice(BinanceSymbol s) {
        BigDecimal ref = core.referencePrice(s);
        return ref == null ? s.startMid() : ref;
    }

    BigDecimal walletBalance(String account, String asset) {
        return sim.accounts().balance(account, asset).total();
    }

    BigDecimal unrealized(String account) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols) {
            sum = sum.add(sim.accounts().position(account, s.symbol()).unrealizedPnl(markPrice(s)));
        }
        return sum;
    }

    BigDecimal positionMargin(String account, BinanceSymbol s) {
        Position p = sim.accounts().position(account, s.symbol());
        return p.quantity().abs().multiply(markPrice(s)).divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
    }

    BigDecimal openOrderMargin(String account, BinanceSymbol s) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderState o : sim.engine(s.symbol()).openOrders(account)) {
            BigDecimal px = o.price() != null ? o.price() : o.stopPrice() != null ? o.stopPrice() : markPrice(s);
            sum = sum.add(px.multiply(o.remainingQuantity()));
        }
        return sum.divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
    }

    BigDecimal availableBalance(String account) {
        BigDecimal used = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols) {
            used = used.add(positionMargin(account, s)).add(openOrderMargin(account, s));
        }
        String asset = symbols.iterator().next().quoteAsset();
        return walletBalance(account, asset).add(unrealized(account)).subtract(used);
    }

    private String marginAsset() {
        return symbols.iterator().next().quoteAsset();
    }

    ObjectNode usdmAccount(String account, boolean v3) {
        String asset = marginAsset();
        BigDecimal wallet = walletBalance(account, asset);
        BigDecimal upnl = unrealized(account);
        BigDecimal posMargin = BigDecimal.ZERO;
        BigDecimal orderMargin = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols) {
            posMargin = posMargin.add(positionMargin(account, s));
            orderMargin = orderMargin.add(openOrderMargin(account, s));
        }
        BigDecimal available = wallet.add(upnl).subtract(posMargin).subtract(orderMargin);
        long now = now();
        ObjectNode out = JSON.createObjectNode();
        if (!v3) {
            out.put("feeTier", 0).put("feeBurn", false).put("canTrade", true).put("canDeposit", true)
                    .put("canWithdraw", true).put("updateTime", 0).put("multiAssetsMargin", false)
                    .put("tradeGroupId", -1);
        }
        out.put("totalInitialMargin", fmt(posMargin.add(orderMargin), 8)).put("totalMaintMargin", fmt(BigDecimal.ZERO, 8))
                .put("totalWalletBalance", fmt(wallet, 8)).put("totalUnrealizedProfit", fmt(upnl, 8))
                .put("totalMarginBalance", fmt(wallet.add(upnl), 8))
                .put("totalPositionInitialMargin", fmt(posMargin, 8))
                .put("totalOpenOrderInitialMargin", fmt(orderMargin, 8))
                .put("totalCrossWalletBalance", fmt(wallet, 8)).put("totalCrossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8));
        out.putArray("assets").addObject().put("asset", asset).put("walletBalance", fmt(wallet, 8))
                .put("unrealizedProfit", fmt(upnl, 8)).put("marginBalance", fmt(wallet.add(upnl), 8))
                .put("maintMargin", fmt(BigDecimal.ZERO, 8)).put("initialMargin", fmt(posMargin.add(orderMargin), 8))
                .put("positionInitialMargin", fmt(posMargin, 8)).put("openOrderInitialMargin", fmt(orderMargin, 8))
                .put("crossWalletBalance", fmt(wallet, 8)).put("crossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8))
                .put("marginAvailable", true).put("updateTime", now);
        accountPositions(out.putArray("positions"), account, v3, now);
        return out;
    }

    /** The account's positions as /fapi/v2|v3/account lists them (v3: only open ones, fewer fields). */
    private void accountPositions(ArrayNode positions, String account, boolean v3, long now) {
        for (BinanceSymbol s : symbols) {
            Position p = sim.accounts().position(account, s.symbol());
            if (v3 && p.quantity().signum() == 0) {
                continue;
            }
            BigDecimal mark = markPrice(s);
            ObjectNode pos = positions.addObject().put("symbol", s.symbol()).put("positionSide", "BOTH")
                    .put("positionAmt", qty(s, p.quantity()))
                    .put("unrealizedProfit", fmt(p.unrealizedPnl(mark), 8)).put("isolatedMargin", "0")
                    .put("notional", fmt(p.quantity().multiply(mark), 8)).put("isolatedWallet", "0")
                    .put("initialMargin", fmt(positionMargin(account, s).add(openOrderMargin(account, s)), 8))
                    .put("maintMargin", fmt(BigDecimal.ZERO, 8))
                    .put("positionInitialMargin", fmt(positionMargin(account, s), 8))
                    .put("openOrderInitialMargin", fmt(openOrderMargin(account, s), 8)).put("updateTime", now);
            if (!v3) {
                pos.put("leverage", String.valueOf(LEVERAGE)).put("isolated", false)
                        .put("entryPrice", fmt(p.averageEntryPrice(), 8)).put("breakEvenPrice", "0.0")
                        .put("maxNotional", "250000").put("bidNotional", "0").put("askNotional", "0");
            }
        }
    }

    ArrayNode usdmBalance(String account) {
        String asset = marginAsset();
        BigDecimal wallet = walletBalance(account, asset);
        BigDecimal upnl = unrealized(account);
        BigDecimal available = availableBalance(account);
        ArrayNode out = JSON.createArrayNode();
        out.addObject().put("accountAlias", "SgsR").put("asset", asset).put("balance", fmt(wallet, 8))
                .put("crossWalletBalance", fmt(wallet, 8)).put("crossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8))
                .put("marginAvailable", true).put("updateTime", now());
        return out;
    }

    ArrayNode positionRisk(String account, BinanceSymbol only, boolean v3) {
        ArrayNode out = JSON.createArrayNode();
        for (BinanceSymbol s : symbols) {
            if (only != null && only != s) {
                continue;
            }
            Position p = sim.accounts().position(account, s.symbol());
            if (v3 && p.quantity().signum() == 0) {
                continue;
            }
            BigDecimal mark = markPrice(s);
            ObjectNode o = out.addObject().put("symbol", s.symbol()).put("positionSide", "BOTH")
                    .put("positionAmt", qty(s, p.quantity())).put("entryPrice", fmt(p.averageEntryPrice(), 8))
                    .put("breakEvenPrice", fmt(p.averageEntryPrice(), 8)).put("markPrice", fmt(mark, 8))
                    .put("unRealizedProfit", fmt(p.unrealizedPnl(mark), 8)).put("liquidationPrice", "0")
                    .put("isolatedMargin", "0.00000000").put("notional", fmt(p.quantity().multiply(mark), 8))
                    .put("isolatedWallet", "0").put("updateTime", now());
            if (v3) {
                o.put("marginAsset", s.quoteAsset()).put("initialMargin", fmt(positionMargin(account, s), 8))
                        .put("maintMargin", "0").put("positionInitialMargin", fmt(positionMargin(account, s), 8))
                        .put("openOrderInitialMargin", fmt(openOrderMargin(account, s), 8)).put("adl", 0)
                        .put("bidNotional", "0").put("askNotional", "0");
            } else {
                o.put("leverage", String.valueOf(LEVERAGE)).put("maxNotionalValue", "250000")
                        .put("marginType", "cross").put("isAutoAddMargin", "false");
            }
        }
        return out;
    }

}
