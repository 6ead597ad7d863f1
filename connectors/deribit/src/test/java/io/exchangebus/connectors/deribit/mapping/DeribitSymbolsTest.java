package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeribitSymbolsTest {

    @ParameterizedTest
    @CsvSource({
            "BTC-PERPETUAL, BTC-USD-PERP",
            "BTC_USDC-PERPETUAL, BTC-USDC-PERP",
            "BTC-27DEC24, BTC-USD-20241227",
            "BTC-5AUG23, BTC-USD-20230805",
            "BTC-25MAR23, BTC-USD-20230325",
            "BTC-27DEC24-100000-C, BTC-USD-20241227-100000-C",
            "BTC-27MAY20-9000-C, BTC-USD-20200527-9000-C",
            "XRP_USDC-30JUN23-0d625-C, XRP-USDC-20230630-0.625-C",
            "ETH-2JUN21-3000-P, ETH-USD-20210602-3000-P",
            "BTC_USDC, BTC-USDC",
    })
    void shouldMapDocumentedNames(String name, String id) {
        assertThat(DeribitSymbols.instrumentId(name).toString()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTC-FS-19MAY26_PERP", "BTC-STRG-19MAY26-74000_79000", "BTC", "BTC-31FEB24",
            "BTC-27DEC24-0-C", "btc-perpetual", "BTC-27DEC24-100000-X", ""})
    void shouldRefuseWhatItCannotMap(String name) {
        assertThatThrownBy(() -> DeribitSymbols.instrumentId(name))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("instrument_name");
    }
}
