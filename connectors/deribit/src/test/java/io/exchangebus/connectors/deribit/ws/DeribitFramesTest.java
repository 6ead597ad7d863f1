package io.exchangebus.connectors.deribit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeribitFramesTest {

    @Test
    void shouldFindTheChannelOfTheUsualLayoutByAScan() {
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"book.BTC-PERPETUAL.raw\",\"data\":{\"channel\":\"x\"}}}"))
                .isEqualTo("book.BTC-PERPETUAL.raw");
        assertThat(DeribitFrames.subscriptionChannel("{\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"trades.BTC-PERPETUAL.100ms\",\"data\":[]},\"jsonrpc\":\"2.0\"}"))
                .isEqualTo("trades.BTC-PERPETUAL.100ms");
    }

    @Test
    void shouldLeaveAnyOtherLayoutToTheTree() {
        assertThat(DeribitFrames.subscriptionChannel("{ \"method\" : \"subscription\", \"params\" : { \"channel\" : "
                + "\"book.BTC-PERPETUAL.raw\" } }")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"params\":{\"data\":{},\"channel\":\"a\"},"
                + "\"method\":\"subscription\"}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"book.\\u0042TC\",\"data\":{}}}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":[\"book.X.raw\"]}"))
                .isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":"
                + "{\"type\":\"test_request\"}}")).isNull();
        assertThat(DeribitFrames.subscriptionChannel("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":"
                + "{\"channel\":\"")).isNull();
    }
}
