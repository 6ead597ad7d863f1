package io.exchangebus.avro.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.avro.EventModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackwardCompatibilityTest {
    /** Kept releases, relative to the module (Surefire runs in the module's folder). */
    private static final Path RELEASED = Path.of("released");

    @Test
    void shouldReadEveryReleasedRecordWithTheCurrentModel() {
        List<Path> releases = ReleasedSchemas.releases(RELEASED);
        assertThat(releases).as("kept releases under avro/released").isNotEmpty();

        for (Path release : releases) {
            Map<String, Schema> released = ReleasedSchemas.load(release);
            assertThat(released).as(release.toString()).isNotEmpty();
            assertThat(BackwardCompatibility.check(released, EventModel.topicValuesByName()))
                    .as("breaks of release " + release.getFileName()).isEmpty();
        }
    }

    @Test
    void shouldFailWhenTheRealModelGainsARequiredFieldWithoutDefault() throws Exception {
        Path firstRelease = ReleasedSchemas.releases(RELEASED).get(0);
        Map<String, Schema> current = new java.util.LinkedHashMap<>(EventModel.topicValuesByName());
        Schema book = current.get(EventModel.NAMESPACE + ".BookUpdate");
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(book.toString());
        ((ArrayNode) json.get("fields")).insertObject(0)
                .put("name", "venueSegment").put("type", "string").put("doc", "A required field with no default.");
        current.put(book.getFullName(), new Schema.Parser().parse(json.toString()));

        assertThat(BackwardCompatibility.check(ReleasedSchemas.load(firstRelease), current))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.record()).isEqualTo(EventModel.NAMESPACE + ".BookUpdate");
                    assertThat(b.problem()).contains("venueSegment");
                });
    }

    @Test
    void shouldFailWhenARequiredFieldWithoutDefaultIsAdded() {
        Schema released = record("Trade", "tradeId", "string");
        Schema changed = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").requiredString("venueSegment").endRecord();

        List<BackwardCompatibility.Break> breaks = check(released, changed);

        assertThat(breaks).singleElement().satisfies(b -> {
            assertThat(b.record()).isEqualTo(EventModel.NAMESPACE + ".Trade");
            assertThat(b.problem()).contains("READER_FIELD_MISSING_DEFAULT").contains("venueSegment");
        });
    }

    @Test
    void shouldFailWhenAFieldChangesToATypeThatCannotReadTheOldOne() {
        Schema released = record("Trade", "tradeId", "string");
        Schema changed = record("Trade", "tradeId", "long");

        assertThat(check(released, changed)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("TYPE_MISMATCH"));
    }

    @Test
    void shouldFailWhenAnEnumLosesASymbol() {
        Schema released = SchemaBuilder.enumeration("Side").namespace(EventModel.NAMESPACE).symbols("BUY", "SELL");
        Schema changed = SchemaBuilder.enumeration("Side").namespace(EventModel.NAMESPACE).symbols("BUY");

        assertThat(check(released, changed)).singleElement()
                .satisfies(b -> assertThat(b.problem()).contains("MISSING_ENUM_SYMBOLS").contains("SELL"));
    }

    @Test
    void shouldFailWhenAReleasedRecordIsRemoved() {
        Schema released = record("Trade", "tradeId", "string");

        assertThat(BackwardCompatibility.check(Map.of(released.getFullName(), released), Map.of()))
                .singleElement().satisfies(b -> assertThat(b.problem()).contains("record removed"));
    }

    @Test
    void shouldAcceptAnOptionalFieldWithADefault() {
        Schema released = record("Trade", "tradeId", "string");
        Schema changed = SchemaBuilder.record("Trade").namespace(EventModel.NAMESPACE).fields()
                .requiredString("tradeId").optionalString("venueSegment").endRecord();

        assertThat(check(released, changed)).isEmpty();
    }

    @Test
    void shouldKeepAReleaseAndRefuseToOverwriteIt(@TempDir Path dir) {
        Path release = dir.resolve("9.9.9");
        ReleasedSchemas.write(release, EventModel.TOPIC_VALUES);

        assertThat(ReleasedSchemas.load(release)).containsOnlyKeys(EventModel.topicValuesByName().keySet());
        assertThat(BackwardCompatibility.check(ReleasedSchemas.load(release), EventModel.topicValuesByName())).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReleasedSchemas.write(release, EventModel.TOPIC_VALUES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never edited");
    }

    private static List<BackwardCompatibility.Break> check(Schema released, Schema current) {
        return BackwardCompatibility.check(Map.of(released.getFullName(), released),
                Map.of(current.getFullName(), current));
    }

    private static Schema record(String name, String field, String type) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\""
                + EventModel.NAMESPACE + "\",\"fields\":[{\"name\":\"" + field + "\",\"type\":\"" + type + "\"}]}");
    }
}
