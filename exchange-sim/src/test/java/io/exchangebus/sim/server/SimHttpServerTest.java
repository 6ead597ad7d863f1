package io.exchangebus.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.fault.RateLimitFault;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimHttpServerTest {

    private final FaultInjector faults = new FaultInjector();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimHttpServer server;

    @BeforeEach
    void start() {
        server = new SimHttpServer(faults, Clock.systemUTC()) {
            @Override
            protected SimHttpResponse rateLimitedResponse(RateLimitFault fault, SimHttpRequest request) {
                return SimHttpResponse.json(fault.status(), "{\"error\":\"slow down\"}");
            }
        };
        server.route("GET", "/time", request -> SimHttpResponse.json(200,
                "{\"symbol\":\"" + request.queryParameters().get("symbol") + "\"}"));
        server.route("POST", "/order", request -> SimHttpResponse.json(201, request.body()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRouteAndRecordRequestsWithTimestamps() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> time = get("/time?symbol=BTC%2DUSD");
        HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/order"))
                .header("X-Key", "k1").POST(HttpRequest.BodyPublishers.ofString("{\"qty\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = get("/nowhere");

        assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(time.body()).isEqualTo("{\"symbol\":\"BTC-USD\"}");
        assertThat(order.statusCode()).isEqualTo(201);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(server.received()).hasSize(3);
        SimHttpRequest recorded = server.received().get(1);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.body()).isEqualTo("{\"qty\":1}");
        assertThat(recorded.header("x-key")).isEqualTo("k1");
        assertThat(server.received().get(0).rawQuery()).isEqualTo("symbol=BTC%2DUSD");
        assertThat(server.received()).allSatisfy(r -> assertThat(r.receivedAt()).isBetween(before, Instant.now()));
    }

    @Test
    void shouldAnswer429WithRetryAfterForTheRequestedCountThenRecover() throws Exception {
        faults.answerRateLimited(429, Duration.ofMillis(1500), 2);

        HttpResponse<String> first = get("/time?symbol=X");
        HttpResponse<String> second = get("/time?symbol=X");
        HttpResponse<String> third = get("/time?symbol=X");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(first.body()).isEqualTo("{\"error\":\"slow down\"}");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void shouldAnswer418WithRetryAfter() throws Exception {
        faults.answerRateLimited(418, Duration.ofSeconds(120), 1);

        HttpResponse<String> banned = get("/time");

        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.headers().firstValue("Retry-After")).contains("120");
    }

    @Test
    void shouldCloseConnectionUnansweredWhenRequestIsDropped() throws Exception {
        faults.dropHttpRequests(1);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /time HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/time"));
        assertThat(get("/time").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCorruptNextResponseBodyWhenMalformedFrameIsAsked() throws Exception {
        faults.sendMalformedFrame();

        HttpResponse<String> broken = get("/time?symbol=ABC");
        HttpResponse<String> fine = get("/time?symbol=ABC");

        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).isEqualTo("{\"symbol}\u0001{");
        assertThat(fine.body()).isEqualTo("{\"symbol\":\"ABC\"}");
    }

    @Test
    void shouldDelayResponses() throws Exception {
        faults.delayResponses(Duration.ofMillis(400));
        long start = System.nanoTime();
        HttpResponse<String> slow = get("/time");

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
}
