package io.exchangebus.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.engine.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArraySet;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an exchange simulator builds on the framework, with a made-up wire format: order entry into the engine, the
 * engine's diffs pushed as sequenced frames, and a client that keeps a book from snapshot plus diffs.
 */
class ToyExchangeSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class ToyExchange extends SimWebSocketServer {
        private final Simulator sim;
        private final CopyOnWriteArraySet<WebSocket> subscribers = new CopyOnWriteArraySet<>();

        ToyExchange(Simulator sim) {
            super(sim.faults(), Clock.systemUTC());
            this.sim = sim;
            sim.addListener(event -> {
                if (event instanceof EngineEvent.BookDiff diff) {
                    pushSequenced(subscribers, render(diff));
                }
            });
        }

        @Override
        protected void onFrame(WebSocket conn, String text) {
            try {
                JsonNode msg = JSON.readTree(text);
                if (msg.path("op").asText().equals("subscribe")) {
                    BookSnapshot book = sim.book("TOY");
                    subscribers.add(conn);
                    ObjectNode out = JSON.createObjectNode().put("type", "snapshot").put("last", book.lastUpdateId());
                    out.set("bids", levels(book.bids()));
                    out.set("asks", levels(book.asks()));
                    reply(conn, out.toString());
                } else {
                    CommandResult result = sim.place("TOY", OrderRequest.limit(msg.path("account").asText(),
                            Side.valueOf(msg.path("side").asText()), msg.path("price").asText(),
                            msg.path("qty").asText()));
                    reply(conn, JSON.createObjectNode().put("type", "ack").put("id", result.order().orderId())
                            .put("status", result.order().status().name()).toString());
                }
            } catch (Exception e) {
                reply(conn, "{\"type\":\"error\"}");
            }
        }

        private static String render(EngineEvent.BookDiff diff) {
            ObjectNode out = JSON.createObjectNode().put("type", "diff").put("prev", diff.previousUpdateId())
                    .put("first", diff.firstUpdateId()).put("last", diff.lastUpdateId());
            out.set("bids", levels(diff.bids()));
            out.set("asks", levels(diff.asks()));
            return out.toString();
        }

        private static ArrayNode levels(List<PriceLevel> levels) {
            ArrayNode array = JSON.createArrayNode();
            levels.forEach(l -> array.addArray().add(l.price().toPlainString()).add(l.quantity().toPlainString()));
            return array;
        }
    }

    private Simulator sim;
    private ToyExchange exchange;
    private TestWsClient client;

    @BeforeEach
    void start() throws InterruptedException {
        sim = Simulator.builder().instrument(Instrument.spot("TOY", "T", "USD", "0.5", "1")).build();
        for (String account : List.of("alice", "bob")) {
            sim.accounts().create(account);
            sim.accounts().deposit(account, "T", "1000");
            sim.accounts().deposit(account, "USD", "100000");
        }
        exchange = sim.manage(new ToyExchange(sim));
        exchange.startAndWait();
        client = TestWsClient.connect(exchange.uri("/toy"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        sim.close();
        client.closeBlocking();
    }

    private void order(String account, String side, String price, String qty) throws InterruptedException {
        client.send("{\"account\":\"" + account + "\",\"side\":\"" + side + "\",\"price\":\"" + price
                + "\",\"qty\":\"" + qty + "\"}");
    }

    private static BookSnapshot applyAll(BookSnapshot book, List<JsonNode> diffs) {
        BookSnapshot result = book;
        for (JsonNode d : diffs) {
            result = result.apply(new EngineEvent.BookDiff("TOY", d.get("prev").asLong(), d.get("first").asLong(),
                    d.get("last").asLong(), parse(d.get("bids")), parse(d.get("asks")), null));
        }
        return result;
    }

    private static List<PriceLevel> parse(JsonNode levels) {
        List<PriceLevel> result = new ArrayList<>();
        levels.forEach(l -> result.add(new PriceLevel(new BigDecimal(l.get(0).asText()),
                new BigDecimal(l.get(1).asText()))));
        return result;
    }

    /** Reads frames until {@code acks} acks were seen; returns the diffs among them. */
    private List<JsonNode> readUntilAcks(int acks) throws Exception {
        List<JsonNode> diffs = new ArrayList<>();
        int seen = 0;
        while (seen < acks) {
            JsonNode frame = JSON.readTree(client.next());
            if (frame.get("type").asText().equals("diff")) {
                diffs.add(frame);
            } else if (frame.get("type").asText().equals("ack")) {
                seen++;
            }
        }
        return diffs;
    }

    @Test
    void shouldKeepClientBookEqualToTrueBookFromSnapshotAndSequencedDiffs() throws Exception {
        order("alice", "SELL", "101.0", "5");
        readUntilAcks(1);
        client.send("{\"op\":\"subscribe\"}");
        JsonNode snapshot = JSON.readTree(client.next());
        BookSnapshot book = new BookSnapshot("TOY", snapshot.get("last").asLong(), parse(snapshot.get("bids")),
                parse(snapshot.get("asks")));

        order("bob", "BUY", "100.0", "3");
        order("bob", "BUY", "101.5", "7");
        order("alice", "SELL", "99.5", "1");
        List<JsonNode> diffs = readUntilAcks(3);

        assertThat(diffs).hasSize(3);
        for (int i = 1; i < diffs.size(); i++) {
            assertThat(diffs.get(i).get("prev").asLong()).isEqualTo(diffs.get(i - 1).get("last").asLong());
        }
        assertThat(applyAll(book, diffs)).isEqualTo(sim.book("TOY"));
        assertThat(sim.receivedOrders()).hasSize(4);
    }

    @Test
    void shouldShowClientASequenceGapWhenOneDiffIsSkipped() throws Exception {
        client.send("{\"op\":\"subscribe\"}");
        client.next();
        sim.faults().skipSequence(1);

        order("alice", "SELL", "101.0", "5");
        order("bob", "BUY", "100.0", "3");
        List<JsonNode> diffs = readUntilAcks(2);

        assertThat(diffs).singleElement().satisfies(d -> assertThat(d.get("prev").asLong()).isEqualTo(1));
        assertThat(sim.engine("TOY").lastUpdateId()).isEqualTo(2);
    }
}
