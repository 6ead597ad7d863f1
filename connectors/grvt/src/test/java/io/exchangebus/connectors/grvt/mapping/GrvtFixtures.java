package io.exchangebus.connectors.grvt.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Lines of shared/fixtures/grvt/*.jsonl: each record's {@code message}, read with exact numbers. */
public final class GrvtFixtures {

    static final String[] FILES = {"ws_market_data_streams.docs.jsonl", "ws_trading_streams.docs.jsonl",
        "rest_market_data.docs.jsonl", "rest_trading.docs.jsonl", "ccxt_comments.jsonl", "hummingbot_tests.jsonl"};

    private GrvtFixtures() {
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Fixtures.path("grvt/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of {@code file}'s line (1-based), or null when the record holds none. */
    static JsonNode message(String file, int line) {
        JsonNode record = GrvtFrame.tree(lines(file).get(line - 1));
        JsonNode message = record.get("message");
        return message == null || message.isNull() ? null : message;
    }

    /** The message's JSON text, as a frame would arrive. */
    public static String text(String file, int line) {
        return message(file, line).toString();
    }

    /** Every fixture message that is JSON, as compact text (no whitespace), in file and line order. */
    static List<String> compactMessages() {
        List<String> out = new ArrayList<>();
        for (String file : FILES) {
            int lines = lines(file).size();
            for (int line = 1; line <= lines; line++) {
                JsonNode message = message(file, line);
                if (message != null) {
                    out.add(message.toString());
                }
            }
        }
        return out;
    }
}
