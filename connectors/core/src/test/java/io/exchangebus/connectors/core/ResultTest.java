package io.exchangebus.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void shouldGiveACallThatReturnsNothingASuccess() {
        Result<Void> done = Result.ok();

        assertThat(done.isOk()).isTrue();
        assertThat(done.value()).isNull();
        assertThat(done.map(v -> "connected").value()).isEqualTo("connected");
    }

    @Test
    void shouldRefuseANullValueWhereOneIsExpected() {
        assertThatThrownBy(() -> Result.ok((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldCarryTheErrorThroughMapAndRefuseToGiveAValue() {
        Result<Integer> failed = Result.err(ExchangeError.network("grvt", "connection reset"));

        Result<String> mapped = failed.map(String::valueOf);

        assertThat(mapped.isOk()).isFalse();
        assertThat(mapped.error().message()).isEqualTo("connection reset");
        assertThatThrownBy(mapped::value).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection reset");
    }
}
