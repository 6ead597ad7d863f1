package io.exchangebus.connectors.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The correlation core on its own: ids, timeouts, failure of all on a lost socket, and that nothing is left. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PendingRequestsTest {

    private final PendingRequests<Long, String> pending = new PendingRequests<>("deribit", Duration.ofSeconds(10));

    @Test
    void shouldCompleteEachRequestWithTheAnswerToItsOwnIdWhenAnswersComeOutOfOrder() throws Exception {
        CompletableFuture<Result<String>> first = pending.register(1L, "public/get_time");
        CompletableFuture<Result<String>> second = pending.register(2L, "public/test");

        assertThat(pending.complete(2L, Result.ok("two"))).isTrue();
        assertThat(first).isNotDone();
        assertThat(pending.complete(1L, Result.ok("one"))).isTrue();

        assertThat(first.get().value()).isEqualTo("one");
        assertThat(second.get().value()).isEqualTo("two");
        assertThat(pending.size()).isZero();
    }

    @Test
    void shouldFailARequestUnansweredWithinItsTimeoutWithARetryableTimeoutNamingOnlyItsMethod() throws Exception {
        long began = System.nanoTime();
        Result<String> result = pending.register(7L, "private/buy", Duration.ofMillis(200)).get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        ExchangeError error = result.error();
        assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(error.retryable()).isTrue();
        assertThat(error.message()).isEqualTo("private/buy: no answer within 200 ms; its outcome is unknown");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(pending.size()).isZero();
        assertThat(pending.complete(7L, Result.ok("late"))).as("a late answer finds nothing").isFalse();
    }

    @Test
    void shouldDropTheTimeoutOfEachAnsweredRequestAtOnceRatherThanHoldItUntilItsDeadline() {
        int before = PendingRequests.timeoutsWaiting();
        for (long id = 0; id < 1_000; id++) {
            pending.register(id, "private/buy", Duration.ofHours(1));
        }
        assertThat(PendingRequests.timeoutsWaiting()).isGreaterThanOrEqualTo(before + 1_000);

        for (long id = 0; id < 1_000; id++) {
            pending.complete(id, Result.ok("done"));
        }

        assertThat(PendingRequests.timeoutsWaiting()).isLessThanOrEqualTo(before);
    }

    @Test
    void shouldRemoveTheEntryBeforeTheCallerSeesItsResult() throws Exception {
        AtomicInteger pendingWhenSeen = new AtomicInteger(-1);
        CompletableFuture<Result<String>> answered = pending.register(1L, "public/test");
        CompletableFuture<Result<String>> timedOut = pending.register(2L, "public/test", Duration.ofMillis(50));
        CompletableFuture<Void> seen = answered.thenAccept(r -> pendingWhenSeen.set(pending.methodOf(1L) == null
                ? 0 : 1));
        CompletableFuture<String> timeoutSeen = timedOut.thenApply(r -> pending.methodOf(2L));

        pending.complete(1L, Result.ok("answer"));

        seen.get(5, TimeUnit.SECONDS);
        assertThat(pendingWhenSeen.get()).isZero();
        assertThat(timeoutSeen.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void shouldFailEveryPendingRequestWithARetryableNetworkErrorWhenTheSocketIsLost() throws Exception {
        CompletableFuture<Result<String>> buy = pending.register(1L, "private/buy");
        CompletableFuture<Result<String>> cancel = pending.register(2L, "private/cancel");

        assertThat(pending.failAll()).isEqualTo(2);

        for (var future : new CompletableFuture[] {buy, cancel}) {
            @SuppressWarnings("unchecked")
            ExchangeError error = ((Result<String>) future.get()).error();
            assertThat(error.kind()).isEqualTo(ErrorKind.NETWORK);
            assertThat(error.retryable()).isTrue();
            assertThat(error.message()).endsWith(": connection lost before the answer; its outcome is unknown");
        }
        assertThat(buy.get().error().message()).startsWith("private/buy:");
        assertThat(cancel.get().error().message()).startsWith("private/cancel:");
        assertThat(pending.size()).isZero();
        assertThat(pending.failAll()).isZero();
    }

    @Test
    void shouldForgetARequestWhoseCallerCancelledIt() {
        CompletableFuture<Result<String>> answer = pending.register(3L, "public/test");

        answer.cancel(false);

        assertThat(pending.size()).isZero();
        assertThat(pending.complete(3L, Result.ok("late"))).isFalse();
    }

    @Test
    void shouldFailOneRequestWithTheGivenErrorWhenItsSendIsRefused() throws Exception {
        CompletableFuture<Result<String>> answer = pending.register(4L, "public/test");

        assertThat(pending.fail(4L, ExchangeError.network("deribit", "not connected (RECONNECTING)"))).isTrue();

        assertThat(answer.get().error().message()).isEqualTo("not connected (RECONNECTING)");
        assertThat(pending.size()).isZero();
    }

    @Test
    void shouldRefuseAnIdThatIsStillPending() {
        pending.register(5L, "public/test");

        assertThatThrownBy(() -> pending.register(5L, "public/get_time"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already pending");
        assertThat(pending.methodOf(5L)).isEqualTo("public/test");
    }
}
