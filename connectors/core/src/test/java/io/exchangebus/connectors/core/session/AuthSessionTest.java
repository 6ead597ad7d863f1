package io.exchangebus.connectors.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSessionTest {
    private static final String SECRET = "s3cr3t-refresh-token";

    /** A Deribit-like credential: access token and refresh token, both secret. */
    private record Tokens(String access, String refresh) {
        @Override
        public String toString() {
            return "Tokens[" + access + "," + refresh + "]"; // deliberately leaky: the session must never print it
        }
    }

    private final ManualTime time = new ManualTime();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final List<String> refreshedWith = new ArrayList<>();

    private CompletableFuture<Result<Grant<Tokens>>> login(Duration expiresIn) {
        int n = logins.incrementAndGet();
        return done(Result.ok(Grant.expiringIn(new Tokens("login-" + n, SECRET + n), expiresIn, time)));
    }

    private CompletableFuture<Result<Grant<Tokens>>> refresh(Tokens old, Duration expiresIn) {
        int n = refreshes.incrementAndGet();
        refreshedWith.add(old.refresh());
        return done(Result.ok(Grant.expiringIn(new Tokens("refresh-" + n, SECRET + "r" + n), expiresIn, time)));
    }

    private AuthSession.Builder<Tokens> session(Duration expiresIn) {
        return AuthSession.<Tokens>builder("deribit", () -> login(expiresIn)).clock(time).scheduler(time);
    }

    @ParameterizedTest
    @ValueSource(longs = {900, 31_536_000})
    void shouldRenewWithRefreshAtEightyPercentOfExpiresIn(long expiresInSeconds) {
        Duration expiresIn = Duration.ofSeconds(expiresInSeconds);
        AuthSession<Tokens> s = session(expiresIn).refresh(old -> refresh(old, expiresIn)).build();
        assertThat(access(s)).isEqualTo("login-1");

        time.advance(expiresIn.multipliedBy(8).dividedBy(10).minusMillis(1));
        assertThat(access(s)).isEqualTo("login-1");
        assertThat(refreshes).hasValue(0);

        time.advance(Duration.ofMillis(1));   // the timer fires at 80 %, without any use
        assertThat(refreshes).hasValue(1);
        assertThat(refreshedWith).containsExactly(SECRET + 1);
        assertThat(access(s)).isEqualTo("refresh-1");
        assertThat(logins).hasValue(1);

        time.advance(expiresIn.multipliedBy(8).dividedBy(10));   // 80 % of the new grant's lifetime
        assertThat(access(s)).isEqualTo("refresh-2");
    }

    @Test
    void shouldRenewAtTheConfiguredFractionOnFirstUseWhenTheTimerDidNotRun() {
        Duration expiresIn = Duration.ofSeconds(100);
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("grvt", () -> login(expiresIn)).clock(time)
                .scheduler((delay, task) -> () -> { }).renewAt(0.5).build();   // a timer that never fires
        assertThat(access(s)).isEqualTo("login-1");

        time.advance(Duration.ofSeconds(49));
        assertThat(access(s)).isEqualTo("login-1");
        time.advance(Duration.ofSeconds(1));
        // Still valid: handed out while the renewal (here already answered) runs; the next use sees the new one.
        assertThat(access(s)).isEqualTo("login-1");
        assertThat(logins).hasValue(2);
        assertThat(access(s)).isEqualTo("login-2");
    }

    @Test
    void shouldWaitForALoginOnceTheGrantHasExpired() {
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("grvt", () -> login(Duration.ofSeconds(10))).clock(time)
                .scheduler((delay, task) -> () -> { }).build();
        access(s);
        time.advance(Duration.ofSeconds(10));

        assertThat(access(s)).isEqualTo("login-2");
    }

    @Test
    void shouldShareOneLoginAmongConcurrentCallers() throws Exception {
        CompletableFuture<Result<Grant<Tokens>>> answer = new CompletableFuture<>();
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("deribit", () -> {
            logins.incrementAndGet();
            return answer;
        }).clock(time).scheduler(time).build();
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<Result<Tokens>>>> asked = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return s.credential();
                }));
            }
            start.countDown();
            List<CompletableFuture<Result<Tokens>>> waiting = new ArrayList<>();
            for (Future<CompletableFuture<Result<Tokens>>> f : asked) {
                waiting.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);

            answer.complete(Result.ok(Grant.expiringIn(new Tokens("one", SECRET), Duration.ofHours(1), time)));

            for (CompletableFuture<Result<Tokens>> w : waiting) {
                assertThat(w.get(10, TimeUnit.SECONDS).value().access()).isEqualTo("one");
            }
            assertThat(logins).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRenewOnceOnAnAuthErrorAndRetryTheCall() {
        AuthSession<Tokens> s = session(Duration.ofHours(1)).build();
        List<String> sentWith = new ArrayList<>();
        Function<Tokens, CompletableFuture<Result<String>>> call = t -> {
            sentWith.add(t.access());
            return done(t.access().equals("login-1") ? authError() : Result.ok("order accepted"));
        };

        Result<String> r = s.call(call).join();

        assertThat(r.value()).isEqualTo("order accepted");
        assertThat(sentWith).containsExactly("login-1", "login-2");
        assertThat(logins).hasValue(2);
    }

    @Test
    void shouldReturnTheSecondAuthErrorAsItIs() {
        AuthSession<Tokens> s = session(Duration.ofHours(1)).build();
        AtomicInteger calls = new AtomicInteger();
        ExchangeError second = new ExchangeError(ErrorKind.AUTH, "deribit", "13009", "unauthorized", 0, false, null);

        Result<String> r = s.<String>call(t -> done(calls.incrementAndGet() == 1 ? authError() : Result.err(second)))
                .join();

        assertThat(r.error()).isSameAs(second);
        assertThat(calls).hasValue(2);
        assertThat(logins).hasValue(2);
    }

    @Test
    void shouldNotRetryOtherErrors() {
        AuthSession<Tokens> s = session(Duration.ofHours(1)).build();
        AtomicInteger calls = new AtomicInteger();

        Result<String> r = s.<String>call(t -> {
            calls.incrementAndGet();
            return done(Result.err(ExchangeError.invalidOrder("deribit", "tick", "price off tick")));
        }).join();

        assertThat(r.error().kind()).isEqualTo(ErrorKind.INVALID_ORDER);
        assertThat(calls).hasValue(1);
        assertThat(logins).hasValue(1);
    }

    @Test
    void shouldRenewOnceWhenManyCallsGetAnAuthErrorTogether() {
        CompletableFuture<Result<Grant<Tokens>>> relogin = new CompletableFuture<>();
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("deribit", () -> logins.incrementAndGet() == 1
                ? done(Result.ok(Grant.expiringIn(new Tokens("old", SECRET), Duration.ofHours(1), time)))
                : relogin).clock(time).scheduler(time).build();
        Function<Tokens, CompletableFuture<Result<String>>> call =
                t -> done(t.access().equals("old") ? authError() : Result.ok(t.access()));

        List<CompletableFuture<Result<String>>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(s.call(call));
        }
        relogin.complete(Result.ok(Grant.expiringIn(new Tokens("new", SECRET), Duration.ofHours(1), time)));

        assertThat(results).allSatisfy(r -> assertThat(r.join().value()).isEqualTo("new"));
        assertThat(logins).hasValue(2);
    }

    @Test
    void shouldLogInWhenRefreshFails() {
        AuthSession<Tokens> s = session(Duration.ofSeconds(100)).refresh(old -> {
            refreshes.incrementAndGet();
            return done(Result.err(new ExchangeError(ErrorKind.AUTH, "deribit", "13004", "invalid_credentials",
                    0, false, null)));
        }).build();
        access(s);

        time.advance(Duration.ofSeconds(80));

        assertThat(refreshes).hasValue(1);
        assertThat(logins).hasValue(2);
        assertThat(access(s)).isEqualTo("login-2");
    }

    @Test
    void shouldLogInWhenRefreshThrows() {
        AuthSession<Tokens> s = session(Duration.ofSeconds(100)).refresh(old -> {
            refreshes.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
        }).build();
        access(s);

        time.advance(Duration.ofSeconds(80));

        assertThat(access(s)).isEqualTo("login-2");
    }

    @Test
    void shouldLogInAgainAfterInvalidateAndNotRefresh() {
        AuthSession<Tokens> s = session(Duration.ofHours(1)).refresh(old -> refresh(old, Duration.ofHours(1))).build();
        assertThat(access(s)).isEqualTo("login-1");

        s.invalidate();

        assertThat(access(s)).isEqualTo("login-2");
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void shouldNotInstallALoginThatWasInFlightWhenInvalidated() {
        List<CompletableFuture<Result<Grant<Tokens>>>> answers = new ArrayList<>();
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("deribit", () -> {
            CompletableFuture<Result<Grant<Tokens>>> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        }).clock(time).scheduler(time).build();
        CompletableFuture<Result<Tokens>> before = s.credential();

        s.invalidate();
        answers.get(0).complete(Result.ok(Grant.expiringIn(new Tokens("old-socket", SECRET), Duration.ofHours(1), time)));
        CompletableFuture<Result<Tokens>> after = s.credential();
        answers.get(1).complete(Result.ok(Grant.expiringIn(new Tokens("new-socket", SECRET), Duration.ofHours(1), time)));

        assertThat(before.join().value().access()).isEqualTo("old-socket");
        assertThat(after.join().value().access()).isEqualTo("new-socket");
        assertThat(answers).hasSize(2);
    }

    @Test
    void shouldStopTheTimerWhenClosed() {
        AuthSession<Tokens> s = session(Duration.ofSeconds(100)).build();
        access(s);
        assertThat(time.pending()).isEqualTo(1);

        s.close();
        time.advance(Duration.ofSeconds(90));

        assertThat(logins).hasValue(1);
    }

    @Test
    void shouldNeverShowTheSecret() {
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("deribit", () -> {
            if (logins.incrementAndGet() == 1) {
                return done(Result.ok(Grant.expiringIn(new Tokens("tok", SECRET), Duration.ofHours(1), time)));
            }
            return CompletableFuture.failedFuture(new IllegalStateException("POST /auth refresh_token=" + SECRET));
        }).clock(time).scheduler(time).build();
        Grant<Tokens> grant = Grant.expiringIn(new Tokens("tok", SECRET), Duration.ofHours(1), time);
        access(s);

        s.invalidate();
        Result<Tokens> failed = s.credential().join();

        assertThat(grant.toString()).doesNotContain(SECRET).doesNotContain("tok");
        assertThat(s.toString()).doesNotContain(SECRET).contains("deribit");
        assertThat(failed.error().message()).doesNotContain(SECRET).contains("IllegalStateException");
        assertThat(failed.error().toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldReturnALoginErrorToEveryWaitingCaller() {
        ExchangeError refused = new ExchangeError(ErrorKind.AUTH, "grvt", "1000", "auth", 401, false, null);
        AuthSession<Tokens> s = AuthSession.<Tokens>builder("grvt", () -> {
            logins.incrementAndGet();
            return done(Result.<Grant<Tokens>>err(refused));
        }).clock(time).scheduler(time).build();

        assertThat(s.credential().join().error()).isSameAs(refused);
        assertThat(s.call(t -> done(Result.ok("never"))).join().error()).isSameAs(refused);
        assertThat(logins).hasValue(2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.5, 1.01, Double.NaN})
    void shouldRefuseARenewalFractionOutsideZeroToOne(double fraction) {
        assertThatThrownBy(() -> session(Duration.ofHours(1)).renewAt(fraction))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewAt");
    }

    private static String access(AuthSession<Tokens> s) {
        return s.credential().join().value().access();
    }

    private static <T> Result<T> authError() {
        return Result.err(new ExchangeError(ErrorKind.AUTH, "deribit", "13009", "unauthorized", 0, false, null));
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
