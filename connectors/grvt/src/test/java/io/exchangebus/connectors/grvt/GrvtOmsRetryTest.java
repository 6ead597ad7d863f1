package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.connectors.grvt.auth.GrvtOrderSigner;
import io.exchangebus.connectors.grvt.mapping.InstrumentMapping;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries of a create send the very payload signed first; only a known fate lets a create be signed anew. */
class GrvtOmsRetryTest {

    static final String KEY = "c0663ca94684aead40c41a1cb3a94b68a24296e87245be3a186e882a29a15ee0";
    static final BigInteger SUB = new BigInteger("8289849667772468");
    static final String CLIENT_ID = GrvtClientOrderIds.SCHEME.toExchange("order-1").value();
    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final RecordingOrderChannel channel = new RecordingOrderChannel();
    private final GrvtSignedOrders signed = new GrvtSignedOrders();
    private GrvtOms oms;

    @BeforeEach
    void connect() throws Exception {
        oms = oms(channel, signed);
        assertThat(oms.connect(listener()).get().isOk()).isTrue();
    }

    @Test
    void shouldResendTheByteIdenticalPayloadWhenTheFirstAnswerWasLost() throws Exception {
        channel.then(Result.err(ExchangeError.network("grvt", "socket lost")));

        Result<OrderAccepted> lost = oms.place(order()).get();
        Result<OrderAccepted> retried = oms.place(order()).get();

        assertThat(lost.error().kind()).isEqualTo(ErrorKind.NETWORK);
        assertThat(retried.isOk()).isTrue();
        List<RecordingOrderChannel.Sent> creates = channel.of("v1/create_order");
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).params()).isEqualTo(creates.get(0).params());
    }

    @Test
    void shouldResendTheSamePayloadFromAnotherOmsSharingTheStore() throws Exception {
        channel.then(Result.err(ExchangeError.timeout("grvt", "no answer")));
        oms.place(order()).get();
        oms.close();

        RecordingOrderChannel next = new RecordingOrderChannel();
        GrvtOms restarted = oms(next, signed);
        restarted.connect(listener()).get();
        restarted.place(order()).get();

        assertThat(next.of("v1/create_order").get(0).params()).isEqualTo(channel.sent.get(0).params());
    }

    @Test
    void shouldSignAnewOnceTheExchangeRefusedTheOrder() throws Exception {
        channel.then(Result.err(new ExchangeError(ErrorKind.INVALID_ORDER, "grvt", "2064", "price not on tick", 400,
                false, null)));
        oms.place(order()).get();
        oms.place(order()).get();

        List<RecordingOrderChannel.Sent> creates = channel.of("v1/create_order");
        assertThat(creates.get(1).params()).isNotEqualTo(creates.get(0).params());
    }

    @Test
    void shouldSignTheOrderAsGrvtExpectsIt() throws Exception {
        oms.place(order()).get();

        JsonNode order = GrvtOms.parse(channel.sent.get(0).params()).get("order");
        assertThat(order.get("sub_account_id").asText()).isEqualTo(SUB.toString());
        assertThat(order.get("time_in_force").asText()).isEqualTo("GOOD_TILL_TIME");
        assertThat(order.get("legs").get(0).get("size").asText()).isEqualTo("0.01");
        assertThat(order.get("legs").get(0).get("limit_price").asText()).isEqualTo("65000.5");
        assertThat(order.get("metadata").get("client_order_id").asText()).isEqualTo(CLIENT_ID);
        JsonNode sig = order.get("signature");
        assertThat(sig.get("chain_id").asText()).isEqualTo("326");
        assertThat(sig.get("nonce").asLong()).isBetween(0L, 0xFFFF_FFFFL);
        long expiry = Long.parseLong(sig.get("expiration").asText());
        assertThat(Instant.EPOCH.plusNanos(expiry)).isEqualTo(NOW.plus(GrvtOmsSettings.DEFAULT_SIGNATURE_LIFETIME));
    }

    @Test
    void shouldRefuseAnIdOutsideGrvtsRangeWithoutSending() throws Exception {
        PlaceOrder order = order();
        order.setClientOrderId("12345");

        Result<OrderAccepted> refused = oms.place(order).get();

        assertThat(refused.error().code()).isEqualTo("CLIENT_ORDER_ID");
        assertThat(channel.sent).isEmpty();
    }

    static PlaceOrder order() {
        return PlaceOrder.newBuilder().setClientOrderId(CLIENT_ID).setSymbol("BTC_USDT_Perp")
                .setInstrumentId("BTC-USDT-PERP").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setQuantity(new BigDecimal("0.01"))
                .setPrice(new BigDecimal("65000.50")).setStopPrice(null).setReduceOnly(false).setGoodTillTime(null)
                .build();
    }

    static GrvtOms oms(GrvtOrderChannel channel, GrvtSignedOrders signed) throws Exception {
        String record = Files.readAllLines(Fixtures.path("grvt/rest_market_data.docs.jsonl")).get(8);
        String listing = GrvtOms.JSON.readTree(record).get("message").toString();
        GrvtOrderSigner signer = GrvtOrderSigner.of(Secret.of(KEY), 326).value();
        GrvtOmsSettings settings = new GrvtOmsSettings("test", SUB, signer,
                GrvtOmsSettings.DEFAULT_SIGNATURE_LIFETIME, Duration.ofMillis(20), Duration.ofMillis(100));
        return new GrvtOms(settings, channel, new InstrumentRegistry("grvt"),
                () -> CompletableFuture.completedFuture(InstrumentMapping.instruments(listing)), signed,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Oms.Listener listener() {
        return new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        };
    }
}
