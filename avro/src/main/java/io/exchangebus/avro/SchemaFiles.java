package io.exchangebus.avro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Writes the event model as self-contained schema files, for tools of other languages that want a file rather than
 * a registry: one {@code <Record>.avsc} per topic-value record, with every enum and record it uses inlined, so each
 * file parses on its own. The build runs it (avro's {@code pom.xml}) into {@code target/classes/avsc/}, so the
 * files are in the build output and in the avro jar under {@code avsc/}.
 */
public final class SchemaFiles {
    private SchemaFiles() {
    }

    /** The name of the file that holds {@code schema}. */
    public static String fileName(Schema schema) {
        return schema.getName() + ".avsc";
    }

    /** Writes one file per topic-value record into {@code dir} (created if missing); returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Schema schema : EventModel.TOPIC_VALUES) {
            Path file = dir.resolve(fileName(schema));
            // toString inlines each named type at its first use and names it after: the file stands alone.
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    /** {@code SchemaFiles DIR}: writes the files into DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaFiles DIR");
        }
        write(Path.of(args[0]));
    }
}
