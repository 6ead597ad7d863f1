package io.exchangebus.avro.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.EventModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Both directions against every baseline: the kept releases under {@code avro/released/} and the model as it was at
 * commit 76e03e1 (before enum defaults and the derivatives account fields), kept as test resources.
 */
class ForwardCompatibilityTest {
    private static final Path RELEASED = Path.of("released");
    private static final Path BEFORE_ENUM_DEFAULTS = Path.of("src/test/resources/compat/76e03e1");

    private static List<Path> baselines() {
        List<Path> baselines = new ArrayList<>(ReleasedSchemas.releases(RELEASED));
        baselines.add(BEFORE_ENUM_DEFAULTS);
        return baselines;
    }

    @Test
    void shouldLetEveryBaselineReadWhatTheCurrentModelWrites() {
        for (Path baseline : baselines()) {
            Map<String, Schema> old = ReleasedSchemas.load(baseline);
            assertThat(old).as(baseline.toString()).isNotEmpty();
            assertThat(ForwardCompatibility.check(old, EventModel.topicValuesByName()))
                    .as("forward breaks of " + baseline).isEmpty();
        }
    }

    @Test
    void shouldReadEveryBaselineWithTheCurrentModel() {
        for (Path baseline : baselines()) {
            assertThat(BackwardCompatibility.check(ReleasedSchemas.load(baseline), EventModel.topicValuesByName()))
                    .as("backward breaks of " + baseline).isEmpty();
        }
    }

    @Test
    void shouldCoverEveryTopicValueOfTheBaselineCommit() {
        assertThat(ReleasedSchemas.load(BEFORE_ENUM_DEFAULTS).keySet())
                .isSubsetOf(EventModel.topicValuesByName().keySet()).hasSize(16);
    }

    @Test
    void shouldFailWhenAnEnumWithoutDefaultGainsARealSymbol() {
        Schema old = holder(SchemaBuilder.enumeration("Side").namespace(EventModel.NAMESPACE).symbols("BUY", "SELL"));
        Schema now = holder(SchemaBuilder.enumeration("Side").namespace(EventModel.NAMESPACE)
                .symbols("BUY", "SELL", "SELL_SHORT"));

        assertThat(check(old, now)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("MISSING_ENUM_SYMBOLS").contains("SELL_SHORT"));
    }

    @Test
    void shouldAcceptANewSymbolWhenTheOldReaderHasADefault() {
        Schema old = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE)
                .defaultSymbol("UNKNOWN").symbols("LIMIT", "UNKNOWN"));
        Schema now = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE)
                .defaultSymbol("UNKNOWN").symbols("LIMIT", "UNKNOWN", "TRAILING_STOP"));

        assertThat(check(old, now)).isEmpty();
    }

    @Test
    void shouldAcceptTheIntroductionOfADefaultSymbolWhichIsNeverWritten() {
        Schema old = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE).symbols("LIMIT"));
        Schema now = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE)
                .defaultSymbol("UNKNOWN").symbols("LIMIT", "UNKNOWN"));

        assertThat(check(old, now)).isEmpty();
    }

    @Test
    void shouldAcceptTheIntroductionOfADefaultSymbolInsideAUnion() {
        Schema old = SchemaBuilder.record("Holder").namespace(EventModel.NAMESPACE).fields().name("value").type()
                .optional().type(SchemaBuilder.enumeration("TimeInForce").namespace(EventModel.NAMESPACE)
                        .symbols("GTC")).endRecord();
        Schema now = SchemaBuilder.record("Holder").namespace(EventModel.NAMESPACE).fields().name("value").type()
                .optional().type(SchemaBuilder.enumeration("TimeInForce").namespace(EventModel.NAMESPACE)
                        .defaultSymbol("UNKNOWN").symbols("GTC", "UNKNOWN")).endRecord();

        assertThat(check(old, now)).isEmpty();
    }

    @Test
    void shouldStillFailOnARealSymbolAddedTogetherWithTheDefault() {
        Schema old = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE).symbols("LIMIT"));
        Schema now = holder(SchemaBuilder.enumeration("OrderType").namespace(EventModel.NAMESPACE)
                .defaultSymbol("UNKNOWN").symbols("LIMIT", "TRAILING_STOP", "UNKNOWN"));

        assertThat(check(old, now)).singleElement().satisfies(b -> assertThat(b.problem())
                .contains("MISSING_ENUM_SYMBOLS").contains("TRAILING_STOP").doesNotContain("UNKNOWN"));
    }

    @Test
    void shouldFailWhenAFieldTheOldReaderNeedsIsRemoved() {
        Schema old = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").requiredString("symbol").endRecord();
        Schema now = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").endRecord();

        assertThat(check(old, now)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("READER_FIELD_MISSING_DEFAULT").contains("symbol"));
    }

    @Test
    void shouldAcceptAFieldAddedWithADefaultThatTheOldReaderIgnores() {
        Schema old = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").endRecord();
        Schema now = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").optionalString("subAccount").endRecord();

        assertThat(check(old, now)).isEmpty();
    }

    private static List<BackwardCompatibility.Break> check(Schema old, Schema now) {
        return ForwardCompatibility.check(Map.of(old.getFullName(), old), Map.of(now.getFullName(), now));
    }

    /** A record holding the enum (in a plain field: inside a union Avro reports a missing symbol as MISSING_UNION_BRANCH). */
    private static Schema holder(Schema e) {
        return SchemaBuilder.record("Holder").namespace(EventModel.NAMESPACE).fields()
                .name("value").type(e).noDefault().endRecord();
    }
}
