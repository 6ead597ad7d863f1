package io.exchangebus.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.topics.CatalogueSchemas;
import io.exchangebus.avro.topics.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema files a tool of another language reads: each stands alone and is exactly the model's schema. */
class SchemaFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteOneFileThatParsesAloneForEveryTopicValue() throws IOException {
        List<Path> files = SchemaFiles.write(dir);

        assertThat(files).hasSize(EventModel.TOPIC_VALUES.size());
        for (Schema schema : EventModel.TOPIC_VALUES) {
            Path file = dir.resolve(schema.getName() + ".avsc");
            // A fresh parser, knowing no other type: the file must name or inline everything it uses.
            Schema parsed = new Schema.Parser().parse(Files.readString(file));
            assertThat(parsed).as(file.toString()).isEqualTo(schema);
        }
    }

    @Test
    void shouldHaveAFileForTheValueOfEveryTopic() throws IOException {
        SchemaFiles.write(dir);

        for (Topic topic : CatalogueSchemas.topics()) {
            assertThat(dir.resolve(SchemaFiles.fileName(topic.valueSchema()))).as(topic.name()).exists();
        }
    }

    @Test
    void shouldShipTheFilesInTheBuildOutput() throws IOException {
        // Written by the build (exec-maven-plugin, process-classes) into target/classes/avsc, so also in the jar.
        Path built = Path.of("target", "classes", "avsc");
        for (Schema schema : EventModel.TOPIC_VALUES) {
            Path file = built.resolve(SchemaFiles.fileName(schema));
            assertThat(new Schema.Parser().parse(Files.readString(file))).as(file.toString()).isEqualTo(schema);
        }
    }
}
