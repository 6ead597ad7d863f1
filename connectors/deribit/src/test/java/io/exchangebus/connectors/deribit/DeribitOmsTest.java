package io.exchangebus.connectors.deribit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.ApiCredentials;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.number.ExactNumbers;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.deribit.auth.DeribitGrantType;
import io.exchangebus.connectors.deribit.config.DeribitAccount;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.config.DeribitEndpoints;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderUpdate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery path of {@link DeribitOms} without a connection: the documented {@code user.changes} example
 * (ws_notifications.gocryptotrader.jsonl line 13: a market sell of 10 filled by trade 1430914) and the buy/sell
 * answer that reports the same ({@code {order, trades}} made of that example's order and trades).
 */
class DeribitOmsTest {

    private static final String CHANNEL = "user.changes.BTC-PERPETUAL.raw";

    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<MalformedFrame> malformed = new CopyOnWriteArrayList<>();
    private final DeribitOms oms = new DeribitOms(config(), new InstrumentRegistry("deribit"));

    DeribitOmsTest() {
        oms.useListener(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                malformed.add(frame);
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        });
    }

    @AfterEach
    void close() {
        oms.close();
    }

    private static DeribitConfig config() {
        DeribitEndpoints nowhere = new DeribitEndpoints(URI.create("ws://127.0.0.1:9/ws/api/v2"),
                URI.create("http://127.0.0.1:9/api/v2"));
        return DeribitConfig.publicOnly(nowhere).withAccount(new DeribitAccount(new ApiCredentials("trader", "id",
                Secret.of("secret")), DeribitGrantType.CLIENT_CREDENTIALS, "exbus", Duration.ofSeconds(10),
                Optional.empty()));
    }

    private static String raw() {
        return DeribitFixtures.raw("ws_notifications.gocryptotrader.jsonl", 13);
    }

    private static JsonNode data() throws Exception {
        return ExactNumbers.exactMapper().readTree(raw()).path("params").path("data");
    }

    private static JsonNode answer() throws Exception {
        ObjectNode result = ExactNumbers.exactMapper().createObjectNode();
        result.set("order", data().path("orders").get(0));
        result.set("trades", data().path("trades"));
        return result;
    }

    @Test
    void shouldReportTheFillOnceWhenTheNotificationPrecedesTheAnswer() throws Exception {
        oms.onNotification(CHANNEL, data(), raw(), Instant.now());
        OrderAccepted accepted = oms.accept("private/sell", answer(), null);

        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(updates.get(0).getLastFill().getTradeId()).isEqualTo("1430914");
        assertThat(updates.get(0).getLastFill().getFee()).isEqualByComparingTo("0.00000016");
        assertThat(accepted.exchangeOrderId()).isEqualTo("3398016");
        assertThat(accepted.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldReportTheFillOnceWhenTheAnswerPrecedesTheNotification() throws Exception {
        oms.accept("private/sell", answer(), null);
        oms.onNotification(CHANNEL, data(), raw(), Instant.now());

        assertThat(updates).extracting(u -> u.getLastFill().getTradeId()).containsExactly("1430914");
        assertThat(malformed).isEmpty();
    }

    @Test
    void shouldReportAMalformedNotificationAndGoOn() throws Exception {
        ObjectNode broken = (ObjectNode) data().deepCopy();
        ((ObjectNode) broken.path("orders").get(0)).put("order_state", "teleported");

        oms.onNotification(CHANNEL, broken, "{broken}", Instant.now());
        oms.onNotification(CHANNEL, data(), raw(), Instant.now());

        assertThat(malformed).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(CHANNEL);
            assertThat(m.reason()).contains("order_state");
        });
        assertThat(updates).hasSize(1);
    }

    @Test
    void shouldRefuseToLookUpAnOrderOnAnInstrumentItDoesNotKnow() throws Exception {
        var refused = oms.findOrder("BTC-PERPETUAL", "abc").get();

        assertThat(refused.isOk()).isFalse();
        assertThat(refused.error().code()).isEqualTo("UNKNOWN_INSTRUMENT");
    }
}
