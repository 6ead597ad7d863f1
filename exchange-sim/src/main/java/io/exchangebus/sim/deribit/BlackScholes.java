package io.exchangebus.sim.deribit;

/**
 * The model behind option marks and greeks: Black-Scholes with zero rates, in doubles (model outputs, not money;
 * callers round them to BigDecimal before they reach a ledger or a frame). Units as Deribit prints them: price in
 * USD per underlying unit, vega per 1 vol point (USD), theta per day (USD), rho per 1 % rate (USD).
 */
final class BlackScholes {

    private BlackScholes() {
    }

    record Greeks(double delta, double gamma, double vega, double theta, double rho) {
    }

    static double price(boolean call, double spot, double strike, double years, double vol) {
        if (years <= 0 || vol <= 0) {
            return Math.max(0, call ? spot - strike : strike - spot);
        }
        double d1 = d1(spot, strike, years, vol);
        double d2 = d1 - vol * Math.sqrt(years);
        return call ? spot * cdf(d1) - strike * cdf(d2) : strike * cdf(-d2) - spot * cdf(-d1);
    }

    static Greeks greeks(boolean call, double spot, double strike, double years, double vol) {
        if (years <= 0 || vol <= 0) {
            return new Greeks(call ? (spot > strike ? 1 : 0) : (spot < strike ? -1 : 0), 0, 0, 0, 0);
        }
        double sqrtT = Math.sqrt(years);
        double d1 = d1(spot, strike, years, vol);
        double d2 = d1 - vol * sqrtT;
        double pdf = Math.exp(-d1 * d1 / 2) / Math.sqrt(2 * Math.PI);
        double delta = call ? cdf(d1) : cdf(d1) - 1;
        double gamma = pdf / (spot * vol * sqrtT);
        double vega = spot * pdf * sqrtT / 100;
        double theta = -spot * pdf * vol / (2 * sqrtT) / 365;
        double rho = (call ? strike * years * cdf(d2) : -strike * years * cdf(-d2)) / 100;
        return new Greeks(delta, gamma, vega, theta, rho);
    }

    /** The volatility at which the model gives {@code price} (USD), by bisection; 0 if none in (0, 5]. */
    static double impliedVol(boolean call, double spot, double strike, double years, double price) {
        double lo = 1e-4;
        double hi = 5;
        if (price <= price(call, spot, strike, years, lo) || price >= price(call, spot, strike, years, hi)) {
            return 0;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (price(call, spot, strike, years, mid) < price) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double d1(double spot, double strike, double years, double vol) {
        return (Math.log(spot / strike) + vol * vol / 2 * years) / (vol * Math.sqrt(years));
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, error below 1.5e-7). */
    static double cdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-z * z);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
