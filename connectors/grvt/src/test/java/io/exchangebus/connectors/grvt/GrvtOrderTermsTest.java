package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.auth.GrvtTimeInForce;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.TimeInForce;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our order types and times in force as GRVT's, and GRVT's client order id range. */
class GrvtOrderTermsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "LIMIT, GTC, false, GOOD_TILL_TIME, false",
        "LIMIT, null, false, GOOD_TILL_TIME, false",
        "LIMIT, IOC, false, IMMEDIATE_OR_CANCEL, false",
        "LIMIT, FOK, false, FILL_OR_KILL, false",
        "LIMIT_MAKER, GTC, false, GOOD_TILL_TIME, true",
        "IMMEDIATE_OR_CANCEL, null, false, IMMEDIATE_OR_CANCEL, false",
        "FILL_OR_KILL, FOK, false, FILL_OR_KILL, false",
        "MARKET, null, true, IMMEDIATE_OR_CANCEL, false",
        "MARKET, FOK, true, FILL_OR_KILL, false"})
    void shouldSayOurOrderInGrvtsTerms(OrderType type, TimeInForce tif, boolean market, GrvtTimeInForce grvt,
                                       boolean postOnly) {
        assertThat(GrvtOrderTerms.of(order(type, tif)).value())
                .isEqualTo(new GrvtOrderTerms(market, grvt, postOnly));
    }

    @ParameterizedTest
    @CsvSource({"LIMIT_MAKER, IOC", "LIMIT_MAKER, FOK", "MARKET, GTC", "IMMEDIATE_OR_CANCEL, FOK", "LIMIT, GTD"})
    void shouldRefuseWhatGrvtWouldRefuse(OrderType type, TimeInForce tif) {
        Result<GrvtOrderTerms> refused = GrvtOrderTerms.of(order(type, tif));

        assertThat(refused.error().code()).isEqualTo("TIME_IN_FORCE");
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808, true", "18446744073709551615, true", "18446744073709551616, false",
        "9223372036854775807, false", "09223372036854775808, false", "23042, false", "abc, false", "'', false"})
    void shouldTakeOnlyIdsInGrvtsClientRange(String id, boolean valid) {
        assertThat(GrvtClientOrderIds.parse(id).isPresent()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"order-1", "ct0123456789abcdef0123", "a"})
    void shouldHashOurIdsIntoGrvtsClientRange(String ours) {
        BigInteger theirs = GrvtClientOrderIds.parse(GrvtClientOrderIds.SCHEME.toExchange(ours).value())
                .orElseThrow();

        assertThat(theirs.bitLength()).isEqualTo(64);
    }

    private static PlaceOrder order(OrderType type, TimeInForce tif) {
        return PlaceOrder.newBuilder().setClientOrderId("x").setSymbol("BTC_USDT_Perp")
                .setInstrumentId("BTC-USDT-PERP").setSide(io.exchangebus.events.Side.BUY).setOrderType(type)
                .setTimeInForce(tif).setQuantity(java.math.BigDecimal.ONE).setPrice(null).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null).build();
    }
}
