package io.exchangebus.connectors.grvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.grvt.http.GrvtLoginSession;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.testing.Await;
import io.exchangebus.connectors.grvt.testing.GrvtSimulatorProbe;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtRpc;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account's session and the private transport under faults, against exchange-sim's GRVT simulator over real
 * sockets: a {@code gravity} cookie that expires after 2 s is renewed ahead of time, so the polled account keeps
 * coming and a socket lost after the first cookie expired reconnects with the new one and loses no private event;
 * 1006 answers are backed off and the read then succeeds.
 */
class GrvtSessionFaultIT {

    private static final Duration COOKIE_LIFETIME = Duration.ofSeconds(2);

    private GrvtSimulatorProbe probe;

    @AfterEach
    void close() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldRenewTheCookieBeforeItExpiresAndKeepReportingBalances() throws Exception {
        probe = GrvtSimulatorProbe.start(b -> b.cookieLifetime(COOKIE_LIFETIME));
        List<BalanceUpdate> balances = new CopyOnWriteArrayList<>();
        try (GrvtPms pms = new GrvtPms(probe.accountConfig(), Clock.systemUTC())) {
            assertThat(pms.connect(balanceListener(balances)).get(10, TimeUnit.SECONDS).isOk()).isTrue();
            Thread.sleep(COOKIE_LIFETIME.multipliedBy(2).toMillis()); // the first cookie is dead by now

            probe.deposit("USDT", new BigDecimal("7.5"));
            BigDecimal expected = probe.freeBalances().get("USDT");

            Await.until("the deposit polled with a renewed cookie", () -> balances.stream()
                    .anyMatch(b -> b.getAsset().equals("USDT") && b.getFree().compareTo(expected) == 0));
        }
    }

    @Test
    void shouldReconnectWithTheRenewedCookieAndLoseNoPrivateEvent() throws Exception {
        probe = GrvtSimulatorProbe.start(b -> b.cookieLifetime(COOKIE_LIFETIME));
        GrvtClients clients = new GrvtClients(probe.accountConfig(), Clock.systemUTC());
        List<JsonNode> cancels = new CopyOnWriteArrayList<>();
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        List<Result<Void>> resubscribed = new CopyOnWriteArrayList<>();
        String sub = GrvtSimulatorProbe.SUB_ACCOUNT.toString();
        try (GrvtLoginSession session = clients.session(); GrvtRestClient rest = clients.rest(session);
             GrvtRpc rpc = clients.trades("it", session, new GrvtRpc.Events() {
                 @Override
                 public void onConnectionEvent(ConnectionEvent event) {
                     events.add(event);
                 }

                 @Override
                 public void onUnrouted(String raw, java.time.Instant receivedAt) {
                 }

                 @Override
                 public void onOverflow(long dropped) {
                 }

                 @Override
                 public void onResubscribed(GrvtChannel channel, Result<Void> answer) {
                     resubscribed.add(answer);
                 }
             })) {
            assertThat(rpc.start().get(10, TimeUnit.SECONDS).isOk()).isTrue();
            assertThat(rpc.subscribe(new GrvtChannel("v1.cancel", sub), (frame, raw, at) -> cancels.add(frame))
                    .get(10, TimeUnit.SECONDS).isOk()).isTrue();
            Thread.sleep(COOKIE_LIFETIME.multipliedBy(2).toMillis()); // renewed by the session's timer meanwhile

            probe.dropConnections();
            Await.until("a reconnect", () -> events.stream().anyMatch(e -> e.state() == ConnectionState.DISCONNECTED)
                    && events.get(events.size() - 1).state() == ConnectionState.CONNECTED);
            Await.until("the subscription resent", () -> !resubscribed.isEmpty());
            assertThat(resubscribed).allMatch(Result::isOk);

            // A cancel whose TTL runs out with nothing cancelled is announced on v1.cancel.
            Result<JsonNode> cancel = rest.send("v1/cancel_order", GrvtRestClient.body().put("sub_account_id", sub)
                    .put("client_order_id", "9223372036854775901").put("time_to_live_ms", "100"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(cancel.isOk()).as("%s", cancel).isTrue();
            Await.until("the v1.cancel event on the new socket", () -> !cancels.isEmpty());
            assertThat(cancels.get(0).path("feed").path("client_order_id").asText()).isEqualTo("9223372036854775901");
        }
    }

    @Test
    void shouldBackOffAfter1006AndThenReadThePrivateAccount() throws Exception {
        probe = GrvtSimulatorProbe.start();
        GrvtClients clients = new GrvtClients(probe.accountConfig(), Clock.systemUTC());
        try (GrvtDataFetcher fetcher = new GrvtDataFetcher(clients.rest(clients.session()), "it",
                GrvtSimulatorProbe.SUB_ACCOUNT.toString(), new InstrumentRegistry("grvt"), Clock.systemUTC())) {
            assertThat(fetcher.account().get(10, TimeUnit.SECONDS).isOk()).isTrue(); // logged in
            probe.simulator().faults().answerRateLimited(429, Duration.ofSeconds(1), 2);

            long start = System.nanoTime();
            Result<List<BalanceUpdate>> balances = fetcher.balances().get(20, TimeUnit.SECONDS);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(balances.isOk()).as("%s", balances).isTrue();
            assertThat(waitedMs).as("backed off twice").isGreaterThanOrEqualTo(1900);
        }
    }

    private static Pms.Listener balanceListener(List<BalanceUpdate> balances) {
        return new Pms.Listener() {
            @Override
            public void onPosition(PositionUpdate position) {
            }

            @Override
            public void onBalance(BalanceUpdate balance) {
                balances.add(balance);
            }

            @Override
            public void onAccount(AccountUpdate account) {
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
