package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstrumentIdCacheTest {

    @Test
    void shouldGiveTheSameIdAsTheParserAndNeverStoreABadName() {
        InstrumentIdCache cache = new InstrumentIdCache();

        assertThat(cache.of("BTC-PERPETUAL")).isEqualTo(DeribitSymbols.instrumentId("BTC-PERPETUAL").toString());
        assertThat(cache.of("BTC-PERPETUAL")).isEqualTo("BTC-USD-PERP");
        assertThatThrownBy(() -> cache.of("BTC-PERPETUAL-X")).isInstanceOf(UnmappableMessageException.class);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void shouldStartAgainEmptyPastItsBound() {
        InstrumentIdCache cache = new InstrumentIdCache();
        for (int strike = 1; strike <= InstrumentIdCache.MAX_NAMES + 5; strike++) {
            cache.of("BTC-27DEC24-" + strike + "-C");
        }

        assertThat(cache.size()).isBetween(1, InstrumentIdCache.MAX_NAMES);
        assertThat(cache.of("BTC-27DEC24-70000-C")).isEqualTo("BTC-USD-20241227-70000-C");
    }
}
