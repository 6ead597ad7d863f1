package io.exchangebus.sim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AccessTokens tokens =
            new AccessTokens(clock, Duration.ofSeconds(900), Duration.ofHours(24), new Random(7));

    private static TokenGrant valid(Checked<TokenGrant> checked) {
        assertThat(checked).isInstanceOf(Checked.Valid.class);
        return ((Checked.Valid<TokenGrant>) checked).session();
    }

    @Test
    void shouldAcceptAnAccessTokenUntilItsExpiryAndRefuseItAsExpiredThen() {
        TokenGrant grant = tokens.issue("alice", "connection", "connection:1");

        assertThat(grant.expiresInSeconds()).isEqualTo(900);
        assertThat(grant.expiresAt()).isEqualTo(Instant.parse("2026-03-01T12:15:00Z"));
        clock.advance(Duration.ofSeconds(899));
        assertThat(valid(tokens.check(grant.accessToken())).account()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.check(grant.accessToken())).isEqualTo(new Checked.Refused<>(Refusal.EXPIRED));
    }

    @Test
    void shouldIssueANewPairOnRefreshAndRefuseTheUsedRefreshToken() {
        TokenGrant first = tokens.issue("alice", "session:exec", "session:exec");
        clock.advance(Duration.ofSeconds(720));

        TokenGrant second = valid(tokens.refresh(first.refreshToken()));

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.account()).isEqualTo("alice");
        assertThat(second.scope()).isEqualTo("session:exec");
        assertThat(second.expiresAt()).isEqualTo(Instant.parse("2026-03-01T12:27:00Z"));
        assertThat(tokens.refresh(first.refreshToken())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
        // The old access token lives out its own lifetime.
        assertThat(tokens.check(first.accessToken()).isValid()).isTrue();
        clock.advance(Duration.ofSeconds(180));
        assertThat(tokens.check(first.accessToken())).isEqualTo(new Checked.Refused<>(Refusal.EXPIRED));
        assertThat(tokens.check(second.accessToken()).isValid()).isTrue();
    }

    @Test
    void shouldRefuseAnExpiredRefreshTokenAndAnUnknownOne() {
        TokenGrant grant = tokens.issue("alice", "connection", "connection:1");
        clock.advance(Duration.ofHours(24));

        assertThat(tokens.refresh(grant.refreshToken())).isEqualTo(new Checked.Refused<>(Refusal.EXPIRED));
        assertThat(tokens.check("not-a-token")).isEqualTo(new Checked.Refused<>(Refusal.UNKNOWN));
        assertThat(tokens.check(null)).isEqualTo(new Checked.Refused<>(Refusal.UNKNOWN));
    }

    @Test
    void shouldRevokeEveryGrantOfAClosedConnectionOnly() {
        TokenGrant onConnection = tokens.issue("alice", "connection", "connection:1");
        TokenGrant refreshed = valid(tokens.refresh(tokens.issue("alice", "connection", "connection:1")
                .refreshToken()));
        TokenGrant onSession = tokens.issue("alice", "session:md", "session:md");

        assertThat(tokens.revokeScope("connection:1")).isEqualTo(3);

        assertThat(tokens.check(onConnection.accessToken())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
        assertThat(tokens.refresh(refreshed.refreshToken())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
        assertThat(tokens.check(onSession.accessToken()).isValid()).isTrue();
    }

    @Test
    void shouldRevokeOnLogout() {
        TokenGrant grant = tokens.issue("alice", "connection", "connection:1");

        tokens.revoke(grant.accessToken());

        assertThat(tokens.check(grant.accessToken())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
        assertThat(tokens.refresh(grant.refreshToken())).isEqualTo(new Checked.Refused<>(Refusal.REVOKED));
    }

    @Test
    void shouldIssueReproducibleTokensFromASeed() {
        AccessTokens again = new AccessTokens(clock, Duration.ofSeconds(900), Duration.ofHours(24), new Random(7));

        assertThat(again.issue("alice", "connection", "c").accessToken())
                .isEqualTo(tokens.issue("alice", "connection", "c").accessToken()).hasSize(64);
    }
}
