package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.config.DeribitEndpoints;
import io.exchangebus.connectors.deribit.mapping.InstrumentMapping;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeribitSubscriber#tradesAfter} against a loopback HTTP stub of {@code get_last_trades_by_instrument}. */
class DeribitTradeHistoryTest {

    private static final String ANSWER = "{\"jsonrpc\":\"2.0\",\"result\":{\"has_more\":false,\"trades\":["
            + trade(41) + "," + trade(42) + "," + trade(43) + "]}}";

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpServer http;
    private DeribitSubscriber subscriber;
    private InstrumentId btc;

    private static String trade(long seq) {
        return "{\"trade_seq\":" + seq + ",\"trade_id\":\"T-" + seq + "\",\"timestamp\":1700000000000,"
                + "\"tick_direction\":0,\"price\":65000.123456789012345678,\"mark_price\":1,\"index_price\":1,"
                + "\"instrument_name\":\"BTC-PERPETUAL\",\"direction\":\"sell\",\"amount\":10}";
    }

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v2/public/get_last_trades_by_instrument", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        registry.replaceAll(InstrumentMapping.fromResponse(DeribitFixtures.raw("nautilus_test_data_2.jsonl", 9))
                .instruments());
        btc = registry.bySymbol("BTC-PERPETUAL").map(InstrumentDefinition::id).orElseThrow();
        subscriber = new DeribitSubscriber(DeribitConfig.publicOnly(new DeribitEndpoints(
                URI.create("ws://127.0.0.1:1/ws/api/v2"),
                URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/v2"))), registry);
    }

    @AfterEach
    void stop() {
        subscriber.close();
        http.stop(0);
    }

    @Test
    void shouldPageFromTheNextTradeSeqWithoutConnectingAndKeepExactPrices() {
        Result<List<Trade>> trades = subscriber.tradesAfter(btc, "41", 5000).join();

        assertThat(subscriber.capabilities().supports(Capability.TRADE_HISTORY)).isTrue();
        assertThat(trades.value()).extracting(Trade::getTradeSequence).containsExactly(42L, 43L);
        assertThat(trades.value().get(0).getTradeId()).isEqualTo("T-42");
        assertThat(trades.value().get(0).getPrice()).isEqualByComparingTo(new BigDecimal("65000.123456789012345678"));
        assertThat(queries).singleElement().satisfies(q -> assertThat(q)
                .contains("instrument_name=BTC-PERPETUAL", "start_seq=42", "count=1000", "sorting=asc"));
    }

    @Test
    void shouldRefuseWhatIsNotATradeSeq() {
        assertThat(subscriber.tradesAfter(btc, "T-41", 10).join().error().code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(subscriber.tradesAfter(btc, "41", 0).join().isOk()).isFalse();
        assertThat(queries).isEmpty();
    }
}
