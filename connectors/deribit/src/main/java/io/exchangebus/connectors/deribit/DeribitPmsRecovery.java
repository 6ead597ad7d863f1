package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.AccountMapping;
import io.exchangebus.connectors.deribit.mapping.PositionMapping;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the account over HTTP after a gap (start, reconnect, new session, lost frames), so that nothing the stream
 * missed is lost: {@code private/get_positions {currency: any}} and {@code private/get_account_summary {currency}} for
 * each configured currency, reported through {@link DeribitPmsEvents} marked RECOVERY. Over HTTP on a session of
 * its own, answers read with exact numbers, sharing the connection's credits. A failed attempt is retried
 * ({@value #ATTEMPTS} attempts, 1 s, 2 s … apart); an answer that cannot be mapped is reported as malformed.
 */
final class DeribitPmsRecovery {

    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DeribitPmsRecovery.class);

    private final DeribitHttpClient http;
    private final List<String> currencies;
    private final PrivateContext ctx;
    private final DeribitPmsEvents events;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final AtomicLong completed = new AtomicLong();

    /** @param ctx the account, marked RECOVERY */
    DeribitPmsRecovery(DeribitHttpClient http, List<String> currencies, PrivateContext ctx, DeribitPmsEvents events,
                       ScheduledExecutorService timer, Clock clock) {
        this.http = http;
        this.currencies = List.copyOf(currencies);
        this.ctx = ctx;
        this.events = events;
        this.timer = timer;
        this.clock = clock;
    }

    /** Positions and account now, retrying failed attempts; completes after the first attempt (ok or not). */
    CompletableFuture<Result<Void>> recover(String reason) {
        return attempt(new Ask(reason, true, true, clock.instant()), 1);
    }

    /** Positions only, as {@link #recover}. */
    CompletableFuture<Result<Void>> recoverPositions(String reason) {
        return attempt(new Ask(reason, true, false, clock.instant()), 1);
    }

    /** The account only, leaving out the currencies the stream reported since {@code since}, as {@link #recover}. */
    CompletableFuture<Result<Void>> recoverAccount(String reason, Instant since) {
        return attempt(new Ask(reason, false, true, since), 1);
    }

    /** Recoveries that reported what they were asked for. */
    long completed() {
        return completed.get();
    }

    /** What to recover; the stream's reports since {@code since} are newer than the answers. */
    private record Ask(String reason, boolean positions, boolean account, Instant since) {
    }

    private CompletableFuture<Result<Void>> attempt(Ask ask, int n) {
        LOG.info("{}: recovering{}{} ({}, attempt {})", DeribitErrors.EXCHANGE, ask.positions() ? " positions" : "",
                ask.account() ? " account" : "", ask.reason(), n);
        CompletableFuture<Result<Void>> positions = !ask.positions() ? done()
                : http.privateCall("private/get_positions", Map.of("currency", "any"))
                        .thenApply(r -> r.flatMap(result -> {
                            reportPositions(result, ask.since());
                            return Result.ok();
                        }));
        CompletableFuture<Result<Void>> account = !ask.account() ? done()
                : summaries().thenApply(r -> r.flatMap(list -> {
                    reportAccount(list, ask.since());
                    return Result.ok();
                }));
        return positions.thenCombine(account, (p, a) -> p.isOk() ? a : p).thenApply(r -> {
            if (r.isOk()) {
                completed.incrementAndGet();
            } else if (n < ATTEMPTS) {
                LOG.warn("{}: recovery failed ({}), retrying: {}", DeribitErrors.EXCHANGE, ask.reason(), r.error());
                timer.schedule(() -> attempt(ask, n + 1), n, TimeUnit.SECONDS);
            } else {
                LOG.error("{}: recovery failed {} times ({}); the next gap retries: {}", DeribitErrors.EXCHANGE, n,
                        ask.reason(), r.error());
            }
            return r;
        });
    }

    private static CompletableFuture<Result<Void>> done() {
        return CompletableFuture.completedFuture(Result.ok());
    }

    private void reportPositions(JsonNode result, Instant asked) {
        Instant now = clock.instant();
        try {
            events.recoveredPositions(PositionMapping.positions(result, ctx, now), asked, now);
        } catch (RuntimeException e) {
            events.malformed("private/get_positions", result.toString(), e.getMessage(), now);
        }
    }

    private void reportAccount(List<JsonNode> summaries, Instant asked) {
        Instant now = clock.instant();
        List<AccountUpdate> accounts = new ArrayList<>();
        List<BalanceUpdate> balances = new ArrayList<>();
        for (JsonNode s : summaries) {
            try {
                AccountUpdate a = AccountMapping.account(s, ctx, now);
                BalanceUpdate b = AccountMapping.balance(s, ctx, now);
                accounts.add(a);
                balances.add(b);
            } catch (RuntimeException e) {
                events.malformed("private/get_account_summary", s.toString(), e.getMessage(), now);
            }
        }
        events.recoveredAccount(accounts, balances, asked);
    }

    private CompletableFuture<Result<List<JsonNode>>> summaries() {
        List<CompletableFuture<Result<JsonNode>>> calls = currencies.stream()
                .map(c -> http.privateCall("private/get_account_summary", Map.of("currency", c))).toList();
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<JsonNode> out = new ArrayList<>();
            for (CompletableFuture<Result<JsonNode>> call : calls) {
                Result<JsonNode> r = call.join();
                if (!r.isOk()) {
                    return Result.err(r.error());
                }
                out.add(r.value());
            }
            return Result.ok(out);
        });
    }
}
