package io.exchangebus.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.binance.auth.BinanceKeyType;
import io.exchangebus.connectors.binance.auth.BinanceSigner;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceEndpoints;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.role.Capability;
import org.junit.jupiter.api.Test;

class BinancePmsTest {

    static BinanceConfig config(BinanceVenue venue) {
        return BinanceConfig.builder(BinanceEndpoints.testnet(venue))
                .signer(BinanceSigner.of(new ApiCredentials("acc1", "key", Secret.of("secret")), BinanceKeyType.HMAC))
                .build();
    }

    @Test
    void shouldOfferPositionsOnUsdmOnly() {
        try (BinancePms spot = new BinancePms(config(BinanceVenue.SPOT));
             BinancePms usdm = new BinancePms(config(BinanceVenue.USDM))) {
            assertThat(spot.capabilities().supports(Capability.POSITIONS)).isFalse();
            assertThat(usdm.capabilities().supports(Capability.POSITIONS)).isTrue();
            assertThat(spot.exchange()).isEqualTo("binance-spot");
            assertThat(usdm.exchange()).isEqualTo("binance-usdm");
        }
    }

    @Test
    void shouldNeverShowAListenKeyWhole() {
        String key = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";
        assertThat(BinanceUserDataStream.mask(key)).startsWith("pqia").doesNotContain(key.substring(4, 12))
                .hasSizeLessThan(12);
    }

    @Test
    void shouldRefuseAStreamOfTheWrongFamily() {
        assertThatThrownBy(() -> BinanceUserDataStream.usdm(config(BinanceVenue.SPOT), null, null,
                BinanceUserDataStream.DEFAULT_KEEP_ALIVE, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
