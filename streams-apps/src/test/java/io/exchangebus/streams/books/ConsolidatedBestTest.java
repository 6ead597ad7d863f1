package io.exchangebus.streams.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.ConsolidatedQuote;
import io.exchangebus.events.VenueQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolidatedBestTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void shouldTakeHighestBidAndLowestAskFromDifferentVenues() {
        ConsolidatedQuote quote = ConsolidatedBest.of("BTC-USDT", List.of(
                venue("binance-spot", "65000.10", "1", "65000.30", "1", T0.plusMillis(2)),
                venue("grvt", "65000.00", "5", "65000.20", "2", T0.plusMillis(1))), T0);

        assertThat(quote.getBestBidExchange()).isEqualTo("binance-spot");
        assertThat(quote.getBestBidPrice()).isEqualByComparingTo("65000.10");
        assertThat(quote.getBestAskExchange()).isEqualTo("grvt");
        assertThat(quote.getBestAskPrice()).isEqualByComparingTo("65000.20");
        assertThat(quote.getBestAskQuantity()).isEqualByComparingTo("2");
        assertThat(quote.getUpdateTime()).isEqualTo(T0.plusMillis(2));
    }

    @Test
    void shouldBreakPriceTieByLargerQuantityThenByExchangeId() {
        // Scales differ on purpose: 65000.1 and 65000.100 are one price.
        ConsolidatedQuote byQuantity = ConsolidatedBest.of("BTC-USDT", List.of(
                venue("binance-spot", "65000.1", "1", "65000.3", "4", T0),
                venue("grvt", "65000.100", "2", "65000.300", "3", T0)), T0);
        ConsolidatedQuote byExchange = ConsolidatedBest.of("BTC-USDT", List.of(
                venue("binance-spot", "65000.1", "2.0", "65000.3", "4", T0),
                venue("grvt", "65000.100", "2", "65000.300", "4.00", T0)), T0);

        assertThat(byQuantity.getBestBidExchange()).isEqualTo("grvt");
        assertThat(byQuantity.getBestAskExchange()).isEqualTo("binance-spot");
        assertThat(byExchange.getBestBidExchange()).isEqualTo("binance-spot");
        assertThat(byExchange.getBestAskExchange()).isEqualTo("binance-spot");
    }

    @Test
    void shouldHaveNoBestWhereNoVenueQuotesASide() {
        ConsolidatedQuote oneSided = ConsolidatedBest.of("BTC-USDT", List.of(
                venue("grvt", "65000", "1", null, null, T0.plusMillis(5))), T0);
        ConsolidatedQuote empty = ConsolidatedBest.of("BTC-USDT", List.of(), T0.plusMillis(9));

        assertThat(oneSided.getBestBidExchange()).isEqualTo("grvt");
        assertThat(oneSided.getBestAskExchange()).isNull();
        assertThat(oneSided.getBestAskPrice()).isNull();
        assertThat(empty.getBestBidExchange()).isNull();
        assertThat(empty.getVenues()).isEmpty();
        assertThat(empty.getUpdateTime()).isEqualTo(T0.plusMillis(9));
    }

    private static VenueQuote venue(String exchange, String bid, String bidQuantity, String ask, String askQuantity,
                                    Instant receiveTime) {
        return new VenueQuote(exchange, "BTCUSDT", decimal(bid), decimal(bidQuantity), decimal(ask),
                decimal(askQuantity), 1L, null, receiveTime);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
