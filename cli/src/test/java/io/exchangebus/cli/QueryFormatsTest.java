package io.exchangebus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class QueryFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPrintABookAsBidsAndAsksSideBySideBestFirstAlignedOnTheDecimalPoint() throws Exception {
        String printed = QueryFormats.book(JSON.readTree(QueryApiBodies.book()));

        assertThat(printed).isEqualTo(""
                + "binance-spot:BTCUSDT  instrument BTC-USDT  sequence 1027024  time 2026-11-21T10:00:00.123Z\n"
                + "bid quantity       bid |      ask  ask quantity\n"
                + "        0.5   59999.99 | 60000.01         0.002\n"
                + "        1.25  59999.5  | 60001            3.1\n"
                + "       12     59990    |\n");
    }

    @Test
    void shouldSayABookIsStaleInsteadOfShowingLevels() throws Exception {
        String printed = QueryFormats.book(JSON.readTree(QueryApiBodies.staleBook()));

        assertThat(printed).startsWith("binance-spot:BTCUSDT is stale").doesNotContain("|");
    }

    @Test
    void shouldPrintPositionsBesideTheExchangesViewAndBalances() throws Exception {
        String printed = QueryFormats.positions(JSON.readTree(QueryApiBodies.positions()));

        assertThat(printed).isEqualTo(""
                + "binance-usdm:main\n"
                + "\n"
                + "positions\n"
                + "instrument     symbol   quantity  entry price  realized pnl  fees        fills  exchange says"
                + "  reconciliation\n"
                + "BTC-USDT-PERP  BTCUSDT     0.003      60000.1          12.5  0.072 USDT      2          0.003"
                + "  AGREED\n"
                + "ETH-USDT-PERP  ETHUSDT    -1.5         3000             0                    1         -1    "
                + "  DIVERGING\n"
                + "\n"
                + "balances\n"
                + "asset     free  locked    total  source\n"
                + "USDT   819.928     180  999.928  STREAM\n");
    }

    @Test
    void shouldNameTheSubAccountOfEachPositionAndBalanceOfAnExchangeThatHasThem() throws Exception {
        String printed = QueryFormats.positions(JSON.readTree(QueryApiBodies.subAccountPositions()));

        assertThat(printed).isEqualTo(""
                + "grvt:grvt\n"
                + "\n"
                + "positions\n"
                + "sub-account       instrument     symbol         quantity  entry price  realized pnl  fees      fills"
                + "  exchange says  reconciliation\n"
                + "8289849667772468  BTC-USDT-PERP  BTC_USDT_Perp      0.01      60000.1             0  0.3 USDT      1"
                + "           0.01  AGREED\n"
                + "\n"
                + "balances\n"
                + "sub-account       asset  free  locked  total  source\n"
                + "8289849667772468  USDT   9000      60   9060  STREAM\n"
                + "funding           USDT    500       0    500  STREAM\n");
    }

    @Test
    void shouldSayWhenAnAccountHasNoPositions() throws Exception {
        JsonNode answer = JSON.readTree(QueryApiBodies.positions("binance-spot", "main", java.util.List.of(),
                java.util.List.of()));

        assertThat(QueryFormats.positions(answer)).isEqualTo("binance-spot:main\n\npositions\n(none)\n\nbalances\n"
                + "(none)\n");
    }
}
