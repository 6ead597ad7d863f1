package io.exchangebus.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameMutatorTest {
    private static final String FRAME = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"change\",\"change_id\":11,\"prev_change_id\":10,"
            + "\"bids\":[[\"new\",65000.5,1200.0]],\"asks\":[]}}}";

    @Test
    void shouldGiveTheSameMutationsForTheSameSeed() {
        FrameMutator a = new FrameMutator(42);
        FrameMutator b = new FrameMutator(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.mutate(FRAME)).isEqualTo(b.mutate(FRAME));
        }
    }

    @Test
    void shouldChangeTheFrameInManyDifferentWays() {
        FrameMutator m = new FrameMutator(7);
        Set<String> seen = new HashSet<>();
        int unchanged = 0;
        for (int i = 0; i < 2000; i++) {
            String s = m.mutate(FRAME);
            seen.add(s);
            unchanged += s.equals(FRAME) ? 1 : 0;
        }
        assertThat(seen).hasSizeGreaterThan(1500).allMatch(s -> s.length() <= FrameMutator.MAX_CHARS);
        assertThat(unchanged).isLessThan(20);
        assertThat(seen).anyMatch(s -> s.contains("[[[[[[[[[[")).anyMatch(s -> s.length() > 20 * FRAME.length())
                .anyMatch(s -> s.length() < FRAME.length() / 2).anyMatch(s -> s.contains("1e38") || s.contains("1E+400"));
    }
}
