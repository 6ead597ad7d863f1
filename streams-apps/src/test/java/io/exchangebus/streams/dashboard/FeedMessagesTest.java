package io.exchangebus.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.json.AvroJson;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed's JSON: records as AvroJson wrote them, so that money stays an exact decimal string end to end. */
class FeedMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCarryDecimalsAsTheExactStringsOfTheRecord() throws Exception {
        // 38 significant digits: a double would keep about 16 of them.
        BookUpdate book = BookUpdate.newBuilder().setExchange("binance-spot").setSymbol("BTCUSDT")
                .setInstrumentId("BTC-USDT").setKind(BookUpdateKind.SNAPSHOT).setDepth(20).setSequence(42)
                .setBids(List.of(new PriceLevel(new BigDecimal("12345678901234567890.123456789012345678"),
                        new BigDecimal("0.00000001"))))
                .setAsks(List.of(new PriceLevel(new BigDecimal("0.1"), new BigDecimal("3"))))
                .setReceiveTime(Instant.parse("2026-03-02T10:00:00Z")).build();

        JsonNode message = JSON.readTree(FeedMessages.json(50, List.of(
                new FeedItem(FeedKind.BOOK, "binance-spot:BTCUSDT", AvroJson.toJson(book)))));

        JsonNode item = message.get("items").get(0);
        assertThat(message.get("recent").asInt()).isEqualTo(50);
        assertThat(item.get("type").asText()).isEqualTo("book");
        assertThat(item.get("key").asText()).isEqualTo("binance-spot:BTCUSDT");
        JsonNode bid = item.get("value").get("bids").get(0);
        assertThat(bid.get("price").isTextual()).isTrue();
        assertThat(bid.get("price").asText()).isEqualTo("12345678901234567890.123456789012345678");
        assertThat(bid.get("quantity").asText()).isEqualTo("0.00000001");
        assertThat(item.get("value").get("asks").get(0).get("price").asText()).isEqualTo("0.1");
    }

    @Test
    void shouldSendADeletedStateAsANullValue() throws Exception {
        JsonNode message = JSON.readTree(FeedMessages.json(5, List.of(
                new FeedItem(FeedKind.POSITION, "binance-usdm:main:BTC-USDT-PERP", null))));

        assertThat(message.get("items").get(0).get("value").isNull()).isTrue();
        assertThat(message.get("items").get(0).get("type").asText()).isEqualTo("position");
    }

    @Test
    void shouldEscapeKeysAndSendEachBatchAsOneEventOfOneDataLine() {
        String wire = new String(FeedMessages.changes(5, List.of(
                new FeedItem(FeedKind.ACK, "odd\"key\nwith break", "{\"status\":\"ACCEPTED\"}"))),
                StandardCharsets.UTF_8);

        assertThat(wire).startsWith("event: changes\ndata: {").endsWith("}\n\n");
        assertThat(wire.split("\n")).hasSize(2);
        assertThat(wire).contains("\"key\":\"odd\\\"key\\nwith break\"");
        assertThat(new String(FeedMessages.snapshot(5, List.of()), StandardCharsets.UTF_8))
                .isEqualTo("event: snapshot\ndata: {\"recent\":5,\"items\":[]}\n\n");
    }
}
