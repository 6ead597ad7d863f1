package io.exchangebus.sim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CookieSessionsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final CookieSessions sessions = new CookieSessions("gravity", clock, Duration.ofHours(24), new Random(3));

    @Test
    void shouldRenderSetCookieWithAnHttpDateExpiry() {
        CookieSession session = sessions.issue("sub-1");

        assertThat(session.setCookieHeader()).isEqualTo("gravity=" + session.value()
                + "; Expires=Mon, 02 Mar 2026 12:00:00 GMT; Path=/; Secure; HttpOnly");
    }

    @Test
    void shouldAcceptTheCookieFromAHeaderUntilItExpires() {
        CookieSession session = sessions.issue("sub-1");
        String header = "other=1; gravity=" + session.value() + "; x=y";

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(sessions.check(header)).isEqualTo(new Checked.Valid<>(session));
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.check(header)).isEqualTo(new Checked.Refused<>(Refusal.EXPIRED));
    }

    @Test
    void shouldRefuseAMissingUnknownOrLoggedOutCookie() {
        CookieSession session = sessions.issue("sub-1");

        assertThat(sessions.check(null)).isEqualTo(new Checked.Refused<>(Refusal.UNKNOWN));
        assertThat(sessions.check("other=1")).isEqualTo(new Checked.Refused<>(Refusal.UNKNOWN));
        assertThat(sessions.check("gravity=nope")).isEqualTo(new Checked.Refused<>(Refusal.UNKNOWN));
        sessions.revoke(session.value());
        assertThat(sessions.check("gravity=" + session.value())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
    }
}
