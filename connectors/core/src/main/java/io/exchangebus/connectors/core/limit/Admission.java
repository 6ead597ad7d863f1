package io.exchangebus.connectors.core.limit;

import io.exchangebus.connectors.core.ExchangeError;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer to "may I send this request?": yes after {@code waitNanos} (0: at once), with the cost already taken,
 * or no, with a refusal to hand to the caller (nothing was taken).
 *
 * @param waitNanos how long to wait before sending, {@code >= 0} when granted, -1 when refused
 * @param refusal why not, when refused; else null
 */
public record Admission(long waitNanos, ExchangeError refusal) {

    private static final Admission NOW = new Admission(0, null);

    public Admission {
        if ((waitNanos < 0) != (refusal != null)) {
            throw new IllegalArgumentException("an admission is either a wait >= 0 or a refusal");
        }
    }

    /** Granted: send after {@code waitNanos}. */
    public static Admission after(long waitNanos) {
        return waitNanos == 0 ? NOW : new Admission(waitNanos, null);
    }

    /** Refused: send nothing, answer {@code refusal}. */
    public static Admission refused(ExchangeError refusal) {
        return new Admission(-1, Objects.requireNonNull(refusal, "refusal"));
    }

    public boolean granted() {
        return refusal == null;
    }

    /** The wait before sending; only for a granted admission. */
    public Duration waitTime() {
        if (!granted()) {
            throw new IllegalStateException("refused: " + refusal);
        }
        return Duration.ofNanos(waitNanos);
    }
}
