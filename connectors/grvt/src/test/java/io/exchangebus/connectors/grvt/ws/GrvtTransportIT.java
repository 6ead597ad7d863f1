package io.exchangebus.connectors.grvt.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.testing.Await;
import io.exchangebus.connectors.grvt.GrvtClients;
import io.exchangebus.connectors.grvt.http.GrvtLoginSession;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.events.ErrorKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client, the login session and the JSON-RPC connections against the GRVT simulator over loopback. */
class GrvtTransportIT {

    private GrvtSimulatorProbe probe;
    private GrvtClients clients;

    @BeforeEach
    void start() {
        probe = GrvtSimulatorProbe.start();
        clients = new GrvtClients(probe.accountConfig(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        probe.close();
    }

    @Test
    void shouldLogInAndReadThePrivateAccountSummaryWithTheCookie() throws Exception {
        try (GrvtLoginSession session = clients.session(); GrvtRestClient rest = clients.rest(session)) {
            Result<JsonNode> summary = rest.read("v1/account_summary", GrvtRestClient.body()
                    .put("sub_account_id", GrvtSimulatorProbe.SUB_ACCOUNT.toString())).get(10, TimeUnit.SECONDS);

            assertThat(summary.isOk()).as("%s", summary).isTrue();
            assertThat(summary.value().path("result").path("settle_currency").asText()).isEqualTo("USDT");
            assertThat(session.toString()).doesNotContain(GrvtSimulatorProbe.API_KEY);
        }
    }

    @Test
    void shouldRefusePrivateCallsWithoutASessionWithoutSendingThem() throws Exception {
        try (GrvtRestClient rest = clients.rest(null)) {
            Result<JsonNode> summary = rest.read("v1/account_summary", GrvtRestClient.body()).get(10, TimeUnit.SECONDS);
            assertThat(summary.error().kind()).isEqualTo(ErrorKind.AUTH);
        }
    }

    @Test
    void shouldSubscribeToAPublicBookAndReceiveItsSnapshotFirst() throws Exception {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        try (GrvtRpc rpc = clients.marketData("it", GrvtRpc.events(e -> { }, raw -> { }))) {
            assertThat(rpc.start().get(10, TimeUnit.SECONDS).isOk()).isTrue();
            Result<Void> subscribed = rpc.subscribe(new GrvtChannel("v1.book.d", "BTC_USDT_Perp@100"),
                    (frame, raw, at) -> frames.add(frame)).get(10, TimeUnit.SECONDS);

            assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();
            Await.until("a snapshot", () -> !frames.isEmpty());
            assertThat(frames.get(0).path("sequence_number").asText()).isEqualTo("0");
        }
    }

    @Test
    void shouldSubscribeToAPrivateStreamWithTheCookieOnTheHandshake() throws Exception {
        try (GrvtLoginSession session = clients.session();
             GrvtRpc rpc = clients.trades("it", session, GrvtRpc.events(e -> { }, raw -> { }))) {
            assertThat(rpc.start().get(10, TimeUnit.SECONDS).isOk()).isTrue();
            Result<Void> subscribed = rpc.subscribe(new GrvtChannel("v1.position",
                    GrvtSimulatorProbe.SUB_ACCOUNT.toString()), (frame, raw, at) -> { }).get(10, TimeUnit.SECONDS);

            assertThat(subscribed.isOk()).as("%s", subscribed).isTrue();
        }
    }

    @Test
    void shouldRefuseAPrivateSubscriptionWithoutACookieAsAnAuthError() throws Exception {
        try (GrvtRpc rpc = new GrvtRpc(clients.config().ws("it", clients.config().tradesWs()).build(),
                clients.config().requestTimeout(), GrvtRpc.events(e -> { }, raw -> { }), Clock.systemUTC())) {
            assertThat(rpc.start().get(10, TimeUnit.SECONDS).isOk()).isTrue();
            Result<Void> subscribed = rpc.subscribe(new GrvtChannel("v1.position",
                    GrvtSimulatorProbe.SUB_ACCOUNT.toString()), (frame, raw, at) -> { }).get(10, TimeUnit.SECONDS);

            assertThat(subscribed.error().kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(subscribed.error().code()).isEqualTo("1000");
        }
    }

    @Test
    void shouldBackOffAfterA1006AndThenSucceed() throws Exception {
        probe.simulator().faults().answerRateLimited(429, java.time.Duration.ofSeconds(1), 1);
        try (GrvtRestClient rest = clients.rest(null)) {
            long start = System.nanoTime();
            Result<JsonNode> instruments = rest.publicRead("v1/all_instruments", GrvtRestClient.body())
                    .get(20, TimeUnit.SECONDS);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(instruments.isOk()).as("%s", instruments).isTrue();
            assertThat(waitedMs).isGreaterThanOrEqualTo(900);
        }
    }
}
