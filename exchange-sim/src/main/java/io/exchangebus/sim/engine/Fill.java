package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One match between a resting (maker) and an incoming (taker) order, at the maker's price. Fees are positive
 * amounts charged (negative: a rebate) in the named asset: on spot, each side pays in the asset it receives (buyer
 * in base, seller in quote); on derivatives both pay in the quote (settlement) asset.
 */
public record Fill(long tradeId, String symbol, BigDecimal price, BigDecimal quantity, Side takerSide,
                   long makerOrderId, String makerAccount, BigDecimal makerFee, String makerFeeAsset,
                   long takerOrderId, String takerAccount, BigDecimal takerFee, String takerFeeAsset,
                   Instant time) {

    public BigDecimal notional() {
        return price.multiply(quantity);
    }

    public String buyerAccount() {
        return takerSide == Side.BUY ? takerAccount : makerAccount;
    }

    public String sellerAccount() {
        return takerSide == Side.SELL ? takerAccount : makerAccount;
    }
}
