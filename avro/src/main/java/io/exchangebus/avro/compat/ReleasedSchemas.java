package io.exchangebus.avro.compat;

import io.exchangebus.avro.EventModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The schemas of each release, kept under {@code avro/released/<version>/<Record>.avsc}, one self-contained file
 * per topic-value record. A release is never edited: a new one is added with {@link #main}.
 */
public final class ReleasedSchemas {
    private ReleasedSchemas() {
    }

    /** The release folders under {@code root}, oldest first by name. */
    public static List<Path> releases(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list released schemas in " + root, e);
        }
    }

    /** The schemas of one release, by full name. */
    public static Map<String, Schema> load(Path release) {
        Map<String, Schema> byName = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(release)) {
            children.filter(p -> p.toString().endsWith(".avsc")).sorted().forEach(files::add);
            for (Path file : files) {
                Schema schema = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
                byName.put(schema.getFullName(), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read released schemas in " + release, e);
        }
        return byName;
    }

    /** Writes {@code schemas} as a new release folder; refuses to overwrite an existing release. */
    public static void write(Path release, Collection<Schema> schemas) {
        if (Files.exists(release)) {
            throw new IllegalStateException("Release " + release + " exists already: released schemas are never edited");
        }
        try {
            Files.createDirectories(release);
            for (Schema schema : schemas) {
                Files.writeString(release.resolve(schema.getName() + ".avsc"), schema.toString(true) + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write released schemas to " + release, e);
        }
    }

    /** Keeps the current model as a release: {@code ReleasedSchemas <released-root> <version>}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ReleasedSchemas <released-root> <version>");
            System.exit(2);
        }
        Path release = Path.of(args[0]).resolve(args[1]);
        write(release, EventModel.TOPIC_VALUES);
        System.out.println("Kept " + EventModel.TOPIC_VALUES.size() + " schemas as release " + release);
    }
}
