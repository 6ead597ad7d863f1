package io.exchangebus.connectors.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.junit.jupiter.api.Test;

class SharedHttpClientsTest {

    private static final HttpSettings.Timeouts ONE = new HttpSettings.Timeouts(Duration.ofMillis(500),
            Duration.ofMillis(300), Duration.ofSeconds(2));
    private static final HttpSettings.Timeouts OTHER = new HttpSettings.Timeouts(Duration.ofMillis(500),
            Duration.ofMillis(400), Duration.ofSeconds(2));

    private final SharedHttpClients clients = new SharedHttpClients();

    @Test
    void shouldGiveLeasesOfTheSameTimeoutsOneStartedClientAndOtherTimeoutsAnother() throws Exception {
        try (SharedHttpClients.Lease a = clients.lease(ONE);
             SharedHttpClients.Lease b = clients.lease(new HttpSettings.Timeouts(ONE.connect(), ONE.response(),
                     ONE.attempt()));
             SharedHttpClients.Lease c = clients.lease(OTHER)) {
            assertThat(b.client()).isSameAs(a.client());
            assertThat(c.client()).isNotSameAs(a.client());
            assertThat(started(a.client())).isTrue();
            assertThat(clients.open()).isEqualTo(2);
        }
    }

    @Test
    void shouldShutAClientDownWithItsLastLeaseOnlyEvenIfALeaseIsClosedTwice() throws Exception {
        SharedHttpClients.Lease a = clients.lease(ONE);
        SharedHttpClients.Lease b = clients.lease(ONE);

        a.close();
        a.close();

        assertThat(started(b.client())).isTrue();
        assertThat(clients.open()).isEqualTo(1);

        b.close();

        assertThat(b.client().getStatus()).isEqualTo(IOReactorStatus.SHUT_DOWN);
        assertThat(clients.open()).isZero();
    }

    @Test
    void shouldStartAFreshClientForALeaseTakenAfterTheLastWasClosed() throws Exception {
        SharedHttpClients.Lease first = clients.lease(ONE);
        first.close();

        try (SharedHttpClients.Lease again = clients.lease(ONE)) {
            assertThat(again.client()).isNotSameAs(first.client());
            assertThat(started(again.client())).isTrue();
        }
    }

    /** Whether the client's I/O reactor becomes active (it does so on its own thread, just after start). */
    private static boolean started(CloseableHttpAsyncClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.getStatus() != IOReactorStatus.ACTIVE && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return client.getStatus() == IOReactorStatus.ACTIVE;
    }
}
