package io.exchangebus.connectors.core.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the Retry-After header (RFC 9110 section 10.2.3): either delay-seconds or an HTTP-date. A date is measured
 * against the answer's own Date header when present, so that a skew between our clock and the server's does not
 * shorten or stretch the wait; else against our clock.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The hint in a reply, if it has a Retry-After header that parses; never negative. */
    public static Optional<Duration> of(HttpReply reply, Instant localNow) {
        Optional<String> value = reply.header("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant reference = reply.header("Date").flatMap(RetryAfter::httpDate).orElse(localNow);
        return parse(value.get(), reference);
    }

    /**
     * @param value the header's value
     * @param now the time a date is measured from
     * @return the wait, or empty if the value is neither form
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        return httpDate(text).map(until -> until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
    }

    private static Optional<Instant> httpDate(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
