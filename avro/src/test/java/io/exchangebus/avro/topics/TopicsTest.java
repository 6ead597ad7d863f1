package io.exchangebus.avro.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.EventModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldNameEveryTopicOnceWithAModelRecordAsValue() {
        Set<String> names = new HashSet<>();
        for (Topic topic : Topics.ALL) {
            assertThat(names.add(topic.name())).as("unique " + topic.name()).isTrue();
            assertThat(topic.name()).matches("[a-z]+\\.[a-z]+\\.v[0-9]+");
            assertThat(EventModel.TOPIC_VALUES).contains(topic.valueSchema());
            assertThat(topic.rationale()).isNotBlank();
        }
        assertThat(names).contains("market.book.v1", "market.trades.v1", "market.raw.v1", "orders.commands.v1",
                "orders.acks.v1", "orders.updates.v1", "account.positions.v1", "account.balances.v1",
                "recovery.snapshots.v1", "state.books.v1", "state.positions.v1");
    }

    @Test
    void shouldCompactOnlyTheStateAndReferenceTopics() {
        for (Topic topic : Topics.ALL) {
            assertThat(topic.cleanupPolicy() == CleanupPolicy.COMPACT).as(topic.name())
                    .isEqualTo(topic.name().startsWith("state.") || topic.name().startsWith("reference."));
        }
    }

    @Test
    void shouldDescribeEveryTopicInTheProseCatalogue() throws IOException {
        String prose = Files.readString(Path.of("..", "docs", "topics.md"));
        for (Topic topic : Topics.ALL) {
            String row = prose.lines().filter(l -> l.startsWith("| `" + topic.name() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/topics.md has no row for " + topic.name()));
            assertThat(row).as(topic.name()).contains("`" + topic.key().form() + "`")
                    .contains(topic.valueSchema().getName()).contains(topic.cleanupPolicy().kafkaValue());
        }
        assertThat(prose).contains("<service>.dlq.v1");
    }

    @Test
    void shouldJoinKeyPartsAndRefuseASeparatorInsideAPart() {
        assertThat(TopicKey.exchangeSymbol("binance-spot", "BTCUSDT")).isEqualTo("binance-spot:BTCUSDT");
        assertThatThrownBy(() -> TopicKey.exchangeAccount("grvt", "a:b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a:b'");
    }

    @Test
    void shouldFindDeadLetterTopicsByName() {
        assertThat(Topics.byName("oms-service.dlq.v1")).hasValueSatisfying(t -> {
            assertThat(t.valueSchema().getName()).isEqualTo("DeadLetter");
            assertThat(t.valueSubject()).isEqualTo("oms-service.dlq.v1-value");
        });
        assertThat(Topics.byName("market.book.v1")).contains(Topics.MARKET_BOOK);
        assertThat(Topics.byName("no.such.v1")).isEmpty();
    }
}
