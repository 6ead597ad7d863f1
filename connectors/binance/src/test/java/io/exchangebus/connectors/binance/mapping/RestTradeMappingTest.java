package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REST trade history (the docs' own answers) mapped to the trade stream's {@link TradeTick}s. */
class RestTradeMappingTest {

    private static JsonNode docAnswer(String file, String section) {
        return DocFixtures.lines(file).stream().filter(l -> l.section().contains(section)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + section + "' in " + file)).message();
    }

    @Test
    void shouldMapSpotHistoricalTradesLikeTheTradeStream() {
        JsonNode body = docAnswer("spot_rest_api.docs.jsonl", "Old trade lookup");

        List<TradeTick> ticks = MarketMapping.restTrades(BinanceVenue.SPOT, "BNBBTC", "/api/v3/historicalTrades",
                body);

        assertThat(ticks).singleElement().satisfies(t -> {
            assertThat(t.tradeId()).isEqualTo("28457");
            assertThat(t.price()).isEqualByComparingTo(new BigDecimal("4.00000100"));
            assertThat(t.quantity()).isEqualByComparingTo(new BigDecimal("12.00000000"));
            assertThat(t.aggressorSide()).as("buyer is maker: the taker sold").isEqualTo(Side.SELL);
            assertThat(t.tradeTimeMillis()).isEqualTo(1499865549590L);
            assertThat(t.symbol()).isEqualTo("BNBBTC");
        });
    }

    @Test
    void shouldMapUsdmAggTradesLikeTheAggTradeStream() {
        JsonNode body = docAnswer("usdm_rest_public.docs.jsonl", "Compressed/Aggregate Trades List");

        List<TradeTick> ticks = MarketMapping.restTrades(BinanceVenue.USDM, "BTCUSDT", "/fapi/v1/aggTrades", body);

        assertThat(ticks).singleElement().satisfies(t -> {
            assertThat(t.tradeId()).as("the aggregate id, as the aggTrade stream's a").isEqualTo("26129");
            assertThat(t.price()).isEqualByComparingTo(new BigDecimal("0.01633102"));
            assertThat(t.quantity()).isEqualByComparingTo(new BigDecimal("4.70443515"));
            assertThat(t.aggressorSide()).isEqualTo(Side.SELL);
            assertThat(t.tradeTimeMillis()).isEqualTo(1498793709153L);
        });
    }

    @Test
    void shouldRefuseAnEntryWithoutTheMakerFlag() {
        JsonNode body = DocFixtures.JSON.createArrayNode().add(DocFixtures.JSON.createObjectNode()
                .put("id", 1).put("price", "1").put("qty", "1").put("time", 1));

        assertThatThrownBy(() -> MarketMapping.restTrades(BinanceVenue.SPOT, "BTCUSDT", "x", body))
                .isInstanceOf(UnmappableMessageException.class).hasMessageContaining("isBuyerMaker");
    }
}
