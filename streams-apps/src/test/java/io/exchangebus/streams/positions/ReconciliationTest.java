package io.exchangebus.streams.positions;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.PositionState;
import io.exchangebus.events.ReconciliationStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconciliationTest {
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");
    private static final Instant SINCE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = SINCE.plusSeconds(10);

    @ParameterizedTest(name = "{0} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            UNKNOWN   | 1     |        | UNKNOWN
            UNKNOWN   | 1     | 1      | AGREED
            AGREED    | 1     | 1.001  | AGREED
            AGREED    | 1     | 0.999  | AGREED
            AGREED    | 1     | 1.0011 | DIVERGING
            DIVERGING | 1     | 2      | DIVERGING
            ALERTED   | 1     | 3      | ALERTED
            ALERTED   | 1     | 1      | AGREED
            DIVERGING | -0.5  | -0.5   | AGREED
            """)
    void shouldJudgeAgainstTheTolerance(ReconciliationStatus before, BigDecimal quantity, BigDecimal reported,
                                        ReconciliationStatus expected) {
        PositionState previous = state(before, quantity, reported);

        Reconciliation.Verdict verdict = Reconciliation.judge(previous, quantity, reported, TOLERANCE, NOW);

        assertThat(verdict.status()).isEqualTo(expected);
        assertThat(verdict.resolved()).isEqualTo(before == ReconciliationStatus.ALERTED
                && expected == ReconciliationStatus.AGREED);
        if (expected == ReconciliationStatus.DIVERGING || expected == ReconciliationStatus.ALERTED) {
            assertThat(verdict.divergingSince()).as("an ongoing disagreement keeps its start")
                    .isEqualTo(previous.getDivergingSince() != null ? previous.getDivergingSince() : NOW);
        } else {
            assertThat(verdict.divergingSince()).isNull();
        }
    }

    @Test
    void shouldStartADisagreementNow() {
        Reconciliation.Verdict verdict = Reconciliation.judge(null, BigDecimal.ONE, BigDecimal.ZERO, TOLERANCE, NOW);

        assertThat(verdict.status()).isEqualTo(ReconciliationStatus.DIVERGING);
        assertThat(verdict.divergingSince()).isEqualTo(NOW);
    }

    @Test
    void shouldMakeAnAlertDueOnceTheGracePeriodHasPassed() {
        PositionState diverging = state(ReconciliationStatus.DIVERGING, BigDecimal.ONE, BigDecimal.ZERO);

        assertThat(Reconciliation.alertDue(diverging, Duration.ofSeconds(30), SINCE.plusSeconds(29))).isFalse();
        assertThat(Reconciliation.alertDue(diverging, Duration.ofSeconds(30), SINCE.plusSeconds(30))).isTrue();
        PositionState alerted = PositionState.newBuilder(diverging)
                .setReconciliation(ReconciliationStatus.ALERTED).build();
        assertThat(Reconciliation.alertDue(alerted, Duration.ofSeconds(30), SINCE.plusSeconds(60)))
                .as("alerted once per disagreement").isFalse();
    }

    private static PositionState state(ReconciliationStatus status, BigDecimal quantity, BigDecimal reported) {
        boolean diverging = status == ReconciliationStatus.DIVERGING || status == ReconciliationStatus.ALERTED;
        return PositionStates.edit(null, "binance-usdm", "main", "BTCUSDT", "BTC-USDT-PERP")
                .setQuantity(quantity).setReportedQuantity(reported)
                .setReconciliation(status).setDivergingSince(diverging ? SINCE : null)
                .setUpdateTime(SINCE)
                .build();
    }
}
