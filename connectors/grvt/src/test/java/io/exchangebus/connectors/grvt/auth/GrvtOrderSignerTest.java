package io.exchangebus.connectors.grvt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.events.ErrorKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrvtOrderSignerTest {

    /** The SDK's test key (eip712_signing_vectors.json), not a real account's. */
    private static final String KEY = "c0663ca94684aead40c41a1cb3a94b68a24296e87245be3a186e882a29a15ee0";
    private static final String SIGNER = "0xee2060eECaC18beC7F8F670D751801294911E445";
    private static final SigningTerms BTC = new SigningTerms("BTC_USDT_Perp", "0x030501", 9);
    private static final BigInteger HALF_ORDER = GrvtOrderSigner.CURVE_ORDER.shiftRight(1);

    @Test
    void shouldNeverShowThePrivateKeyInToString() {
        GrvtOrderSigner signer = GrvtOrderSigner.of(Secret.of("0x" + KEY), 326).value();

        assertThat(signer.address()).isEqualTo(SIGNER);
        assertThat(signer.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 16).toUpperCase())
                .contains(SIGNER).contains("redacted");
    }

    @Test
    void shouldRefuseAMalformedKeyWithoutRepeatingIt() {
        String almost = KEY.substring(0, 63) + "z";
        Result<GrvtOrderSigner> signer = GrvtOrderSigner.of(Secret.of(almost), 326);

        assertThat(signer.error().kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(signer.error().toString()).doesNotContain(almost).doesNotContain(KEY.substring(0, 16));
    }

    @Test
    void shouldReadTheKeyFromAnEnvironmentVariableOrAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grvt.key");
        Files.writeString(file, KEY + "\n");

        Secret fromFile = SecretRef.parse("file:" + file).resolve();
        Secret fromEnv = SecretRef.parse("env:GRVT_KEY").resolve(Map.of("GRVT_KEY", "0x" + KEY)::get);

        assertThat(GrvtOrderSigner.of(fromFile, 325).value().address()).isEqualTo(SIGNER);
        assertThat(GrvtOrderSigner.of(fromEnv, 325).value().address()).isEqualTo(SIGNER);
    }

    @Test
    void shouldAlwaysSignWithLowSAndV27Or28() {
        GrvtOrderSigner signer = GrvtOrderSigner.of(Secret.of(KEY), 325).value();
        for (long nonce = 1; nonce <= 200; nonce++) {
            GrvtSignature sig = signer.sign(order(false, "1", "65000.5", nonce)).value().signature();
            assertThat(new BigInteger(sig.s().substring(2), 16)).isLessThanOrEqualTo(HALF_ORDER);
            assertThat(sig.v()).isIn(27, 28);
            assertThat(sig.r()).matches("0x[0-9a-f]{64}");
            assertThat(sig.s()).matches("0x[0-9a-f]{64}");
        }
    }

    @Test
    void shouldScaleWithExactDecimalsNotBinaryFloats() {
        // int(float("1.013") * 1e9) is 1012999999 (grvt.md §12); the signed size must be 1013000000.
        assertThat(OrderScaling.contractSize(new BigDecimal("1.013"), 9)).isEqualTo(BigInteger.valueOf(1013000000L));
        assertThat(OrderScaling.limitPrice(new BigDecimal("55.1"))).isEqualTo(BigInteger.valueOf(55100000000L));
        assertThat(OrderScaling.limitPrice(new BigDecimal("0.1234567891"))).isEqualTo(BigInteger.valueOf(123456789));
    }

    @Test
    void shouldSignZeroLimitPriceForAMarketOrderAndRefuseOneWithAPrice() {
        assertThat(OrderScaling.scale(order(true, "1", null, 1)).value().legs().get(0).limitPrice())
                .isEqualTo(BigInteger.ZERO);
        assertThat(OrderScaling.scale(order(true, "1", "65000", 1)).error().code()).isEqualTo("MARKET_WITH_PRICE");
    }

    @Test
    void shouldRefuseWhatCannotBeSignedAsAsked() {
        assertThat(OrderScaling.scale(order(false, "0.0000000001", "1", 1)).error().code()).isEqualTo("SIZE");
        assertThat(OrderScaling.scale(order(false, "1", "0.0000000001", 1)).error().code()).isEqualTo("PRICE");
        assertThat(OrderScaling.scale(order(false, "1", "1", 1L << 32)).error().code()).isEqualTo("NONCE_RANGE");
        assertThat(OrderScaling.scale(order(false, "-1", "1", 1)).error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
    }

    private static OrderToSign order(boolean market, String size, String price, long nonce) {
        return new OrderToSign(new BigInteger("8289849667772468"), market,
                market ? GrvtTimeInForce.IMMEDIATE_OR_CANCEL : GrvtTimeInForce.GOOD_TILL_TIME, false, false,
                List.of(new OrderToSign.Leg(BTC, new BigDecimal(size), price == null ? null : new BigDecimal(price),
                        true)), nonce, 1730800479321350000L);
    }
}
