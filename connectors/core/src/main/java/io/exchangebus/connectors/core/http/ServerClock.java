package io.exchangebus.connectors.core.http;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's clock as we estimate it, for the timestamps of signed requests (which an exchange rejects outside
 * a short window, e.g. Binance's recvWindow). Each sample asks the exchange its time and assumes it was read at the
 * midpoint of the round trip; of a burst of samples the one with the shortest round trip is kept, because its
 * midpoint has the smallest possible error (half its round trip). Resample on demand, e.g. when the exchange
 * rejects a timestamp.
 *
 * <p>Thread-safe: the estimate is one immutable value, replaced atomically.
 */
public final class ServerClock {

    private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

    /** How to ask the exchange its time (e.g. a GET of its time endpoint); supplied by the exchange. */
    @FunctionalInterface
    public interface TimeSource {
        CompletableFuture<Result<Instant>> serverTime();
    }

    /**
     * One estimate.
     *
     * @param offset exchange time minus local time
     * @param roundTrip the round trip of the sample it came from; the offset's error is at most half of it
     * @param takenAt local time of the sample
     */
    public record Estimate(Duration offset, Duration roundTrip, Instant takenAt) {
    }

    private final String exchange;
    private final TimeSource source;
    private final Clock local;
    private final LongSupplier nanoTime;
    private volatile Estimate estimate;

    public ServerClock(String exchange, TimeSource source) {
        this(exchange, source, Clock.systemUTC(), System::nanoTime);
    }

    /** With {@code local} as our clock: a test may give a skewed one, which the offset then corrects. */
    public ServerClock(String exchange, TimeSource source, Clock local) {
        this(exchange, source, local, System::nanoTime);
    }

    ServerClock(String exchange, TimeSource source, Clock local, LongSupplier nanoTime) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.source = Objects.requireNonNull(source, "source");
        this.local = Objects.requireNonNull(local, "local");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.estimate = new Estimate(Duration.ZERO, Duration.ZERO, Instant.EPOCH);
    }

    /** The exchange's time now, by the current estimate (local time until the first sync). */
    public Instant now() {
        return local.instant().plus(estimate.offset());
    }

    /** {@link #now()} in epoch milliseconds, the unit of most exchanges' timestamps. */
    public long nowMillis() {
        return now().toEpochMilli();
    }

    /** Exchange time minus local time, by the current estimate; zero until the first sync. */
    public Duration offset() {
        return estimate.offset();
    }

    public Estimate estimate() {
        return estimate;
    }

    /**
     * Takes {@code samples} samples one after the other and keeps the one with the shortest round trip.
     *
     * @return the new estimate, or the first error if no sample succeeded (the old estimate is then kept)
     */
    public CompletableFuture<Result<Estimate>> sync(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        }
        return sample(samples, null, null).thenApply(best -> {
            if (best.isOk()) {
                estimate = best.value();
                LOG.info("{}: server clock offset {} ms (round trip {} ms)", exchange,
                        best.value().offset().toMillis(), best.value().roundTrip().toMillis());
            }
            return best;
        });
    }

    private CompletableFuture<Result<Estimate>> sample(int left, Estimate best, ExchangeError firstError) {
        if (left == 0) {
            return CompletableFuture.completedFuture(best != null ? Result.ok(best) : Result.err(firstError));
        }
        Instant sentAt = local.instant();
        long sentNanos = nanoTime.getAsLong();
        return source.serverTime().thenCompose(answer -> {
            // Round trip by the monotonic clock: the wall clock may step while we wait.
            Duration roundTrip = Duration.ofNanos(nanoTime.getAsLong() - sentNanos);
            if (!answer.isOk()) {
                return sample(left - 1, best, firstError != null ? firstError : answer.error());
            }
            Instant midpoint = sentAt.plus(roundTrip.dividedBy(2));
            Estimate e = new Estimate(Duration.between(midpoint, answer.value()), roundTrip, sentAt);
            return sample(left - 1, best == null || roundTrip.compareTo(best.roundTrip()) < 0 ? e : best,
                    firstError);
        });
    }
}
