package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One match between a resting (maker) and an incoming (taker) order, at the maker's price. Fees are positive
 * amounts charged (negative: a rebate) in the named asset: on spot, each side pays in the asset it receives (buyer
 * in base, seller in quote); on derivatives both pay in the settlement asset.
 *
 * @param tradeId unique within the simulator's trade-id scope (per instrument, or e.g. per settlement currency as
 *                Deribit's {@code trade_id}; see {@code TradeIdScope})
 * @param tradeSeq the instrument's own trade sequence, 1, 2, 3... (Deribit's {@code trade_seq})
 * @param quantity in the instrument's quantity unit
 */
public record Fill(long tradeId, long tradeSeq, String symbol, BigDecimal price, BigDecimal quantity, Side takerSide,
                   long makerOrderId, String makerAccount, BigDecimal makerFee, String makerFeeAsset,
                   long takerOrderId, String takerAccount, BigDecimal takerFee, String takerFeeAsset,
                   Instant time) {

    /** {@code price × quantity}: the quote notional of spot and linear fills in base units. */
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
