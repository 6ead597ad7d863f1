package io.exchangebus.connectors.binance.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.auth.WsApiSigning;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceWsApiClientTest {

    @Test
    void shouldWriteARequestAsItsIdMethodAndParamsInTheirOrderWithTheValuesTheSignatureCovers() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "BUY");
        params.put("price", "0.00000001");
        params.put("quantity", "12.5");
        params.put("newClientOrderId", "a\"b\\c");
        params.put("timestamp", 1_700_000_000_123L);
        params.put("recvWindow", 5000L);

        String frame = BinanceWsApiClient.frame("r42", "order.place", params);

        assertThat(frame).isEqualTo("{\"id\":\"r42\",\"method\":\"order.place\",\"params\":{\"symbol\":\"BTCUSDT\","
                + "\"side\":\"BUY\",\"price\":\"0.00000001\",\"quantity\":\"12.5\",\"newClientOrderId\":\"a\\\"b\\\\c\","
                + "\"timestamp\":1700000000123,\"recvWindow\":5000}}");
        // What the exchange signs again from the frame's params is what was signed before framing.
        JsonNode read = new ObjectMapper().readTree(frame).get("params");
        Map<String, Object> back = new LinkedHashMap<>();
        read.fields().forEachRemaining(f -> back.put(f.getKey(), f.getValue().isNumber()
                ? (Object) f.getValue().longValue() : f.getValue().asText()));
        assertThat(WsApiSigning.payload(back)).isEqualTo(WsApiSigning.payload(params));
    }
}
