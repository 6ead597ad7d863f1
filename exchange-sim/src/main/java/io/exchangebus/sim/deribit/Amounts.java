package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The decimals Deribit prints currency amounts with. The ledger keeps inverse values to 18 decimals and a fee rate or
 * margin rate multiplies that scale further (a fee of {@code 2.77777777777778E-7} has 21), but Deribit's API prints:
 * <ul>
 *   <li>account amounts (balance, equity, margins, funds, PnL totals in {@code user.portfolio} and
 *       {@code get_account_summary}) and trade fees, order commissions and trade PnL: 8 decimals in BTC/ETH (the
 *       docs examples {@code user.portfolio.btc} {@code balance 0.23399957}, {@code session_rpl -2e-8};
 *       {@code get_account_summaries} {@code margin_balance 302.62729214}; {@code user.changes} trade
 *       {@code fee 1.6e-7}, {@code profit_loss 0.00004898}), 6 in USDC/USDT (live {@code user.portfolio.any}:
 *       {@code balance 55.00055}, {@code margin_balance 54.968258});</li>
 *   <li>position amounts (margins, PnL, {@code size_currency}, delta in {@code get_positions} and
 *       {@code user.changes}): 9 decimals in BTC/ETH (docs {@code get_positions}: {@code initial_margin 0.000197283},
 *       {@code realized_profit_loss -9e-9}; {@code user.changes}: {@code floating_profit_loss 0.906961435}),
 *       6 in USDC.</li>
 * </ul>
 * Rounding is half-even and happens only when printing; the ledger stays exact (documented deviation: a printed
 * balance is the rounded exact balance, so it can differ by one unit in the last place from a sum of printed fees).
 */
final class Amounts {

    private Amounts() {
    }

    /** Decimals of an account amount or fee in {@code currency}: 6 for stablecoins, else 8. */
    static int accountScale(String currency) {
        return isStable(currency) ? 6 : 8;
    }

    /** Decimals of a position amount settled in {@code currency}: 6 for stablecoins, else 9. */
    static int positionScale(String currency) {
        return isStable(currency) ? 6 : 9;
    }

    /** An account amount or fee, rounded as Deribit prints it. */
    static JsonNode account(BigDecimal value, String currency) {
        return Json.num(value.setScale(accountScale(currency), RoundingMode.HALF_EVEN));
    }

    /** A position amount, rounded as Deribit prints it. */
    static JsonNode position(BigDecimal value, String currency) {
        return Json.num(value.setScale(positionScale(currency), RoundingMode.HALF_EVEN));
    }

    private static boolean isStable(String currency) {
        return currency.equalsIgnoreCase("USDC") || currency.equalsIgnoreCase("USDT");
    }
}
