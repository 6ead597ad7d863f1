package io.exchangebus.avro.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.avro.SampleEvents;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteDecimalsAsExactStringsAndTimesAsIso() throws Exception {
        JsonNode book = JSON.readTree(AvroJson.toJson(SampleEvents.bookUpdate(2)));

        assertThat(book.path("bids").get(0).path("price").isTextual()).isTrue();
        assertThat(book.path("bids").get(0).path("price").asText()).isEqualTo("65000");
        assertThat(book.path("bids").get(0).path("quantity").asText()).isEqualTo("0.00125");
        assertThat(book.path("exchangeTime").asText()).isEqualTo("2026-11-21T10:15:30.123456Z");
        assertThat(book.path("kind").asText()).isEqualTo("SNAPSHOT");
        assertThat(book.path("sequence").asLong()).isEqualTo(1027024L);
    }

    @Test
    void shouldNameTheBranchOfAUnionOfRecords() throws Exception {
        JsonNode command = JSON.readTree(AvroJson.toJson(SampleEvents.orderCommand()));

        assertThat(command.path("action").path("PlaceOrder").path("price").asText()).isEqualTo("64000.5");
        assertThat(command.path("action").path("PlaceOrder").path("stopPrice").isNull()).isTrue();
    }
}
