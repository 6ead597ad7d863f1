package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The Deribit sample messages of shared/fixtures/deribit: one JSON object a line, the payload in {@code raw}. */
public final class DeribitFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeribitFixtures() {
    }

    /** The {@code raw} payload of line {@code line} (1-based) of {@code file}. */
    public static String raw(String file, int line) {
        return entry(file, line).get("raw").textValue();
    }

    /** The whole line {@code line} (1-based) of {@code file}. */
    public static JsonNode entry(String file, int line) {
        try {
            List<String> lines = Files.readAllLines(Fixtures.path("deribit/" + file));
            return JSON.readTree(lines.get(line - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole fixture file that is one JSON document. */
    public static JsonNode document(String file) {
        try {
            return JSON.readTree(Files.readString(Fixtures.path("deribit/" + file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
