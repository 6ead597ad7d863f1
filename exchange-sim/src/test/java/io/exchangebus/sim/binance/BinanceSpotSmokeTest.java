package io.exchangebus.sim.binance;

import static io.exchangebus.sim.binance.BinanceTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.sim.account.ApiKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceSpotSmokeTest {

    private BinanceSimulator sim;
    private ApiKey key;

    @BeforeEach
    void start() {
        sim = BinanceSimulator.builder(BinanceFamily.SPOT).seed(3).build();
        key = sim.createAccount("alice");
        sim.deposit("alice", "USDT", "100000");
        sim.deposit("alice", "BTC", "2");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void shouldPlaceALimitOrderOverTheWebSocketApiAndQueryItOverRest() throws Exception {
        WsClient ws = WsClient.connect(sim.wsApiUri());
        JsonNode placed = BinanceTestSupport.wsSigned(ws, sim, "order.place", params("symbol", "BTCUSDT",
                "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.00", "quantity", "0.01000"), key);
        assertThat(placed.path("status").asInt()).as(placed.toString()).isEqualTo(200);
        long id = placed.path("result").path("orderId").asLong();
        var rest = BinanceTestSupport.signed(sim, "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id, key);
        assertThat(rest.status()).as(rest.body().toString()).isEqualTo(200);
        assertThat(rest.body().path("status").asText()).isEqualTo("NEW");
        assertThat(rest.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
        ws.closeBlocking();
    }
}
