package io.exchangebus.localstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class TestTopicsTest {

    @Test
    void shouldDeriveADifferentNameOnEachCallFromBaseAndTest() {
        TestTopics topics = new TestTopics(null, "shouldPublishBook");
        Set<String> names = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            String name = topics.name("market.book.v1");
            assertThat(name).matches("market\\.book\\.v1\\.shouldPublishBook\\.\\d+");
            names.add(name);
        }

        assertThat(names).hasSize(100);
    }

    @Test
    void shouldMakeLabelsLegalTopicNameParts() {
        String label = "shouldHandle[1] ünïcode_and spaces(" + "x".repeat(300) + ")";
        String name = new TestTopics(null, label).name("orders.commands.v1");

        Topic.validate(name);
        assertThat(name).doesNotContain("_").hasSizeLessThan(249);
    }

    @Test
    void shouldRejectAnIllegalBaseName() {
        TestTopics topics = new TestTopics(null, "test");

        assertThatThrownBy(() -> topics.name("market book"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("market book");
    }
}
