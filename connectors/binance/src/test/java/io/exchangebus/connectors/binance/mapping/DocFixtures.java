package io.exchangebus.connectors.binance.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.TradingRules;
import io.exchangebus.connectors.core.testing.Fixtures;
import io.exchangebus.events.EventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The Binance sample messages of shared/fixtures/binance, one per line, and registries to map them with. */
public final class DocFixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** One fixture line: its file, 0-based line number, section (or source) and message. */
    public record Line(String file, int number, String section, JsonNode message) {
        @Override
        public String toString() {
            return file + ":" + number + " " + section;
        }
    }

    private DocFixtures() {
    }

    public static List<Line> lines(String file) {
        try {
            List<Line> out = new ArrayList<>();
            List<String> text = Files.readAllLines(Fixtures.path("binance/" + file));
            for (int i = 0; i < text.size(); i++) {
                JsonNode d = JSON.readTree(text.get(i));
                JsonNode message = d.path("message");
                if (message.isNull() || message.isMissingNode()) {
                    message = lenient(d.path("raw").asText());
                }
                out.add(new Line(file, i, d.path("section").asText(d.path("source").asText()), message));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Line line(String file, int number) {
        return lines(file).get(number);
    }

    /**
     * A docs sample that is not strict JSON (// comments, a missing or doubled comma), repaired the way a reader of
     * the docs would; null when it still does not parse.
     */
    static JsonNode lenient(String raw) {
        String text = raw.replace('\u00a0', ' ').replaceAll("(?m)//.*$", "");
        text = text.replaceAll("([\"\\d]|true|false|null)[ \\t]*\\n(\\s*\")", "$1,\n$2");
        text = text.replaceAll("([\"\\d]|true|false|null)(\\s+)\"", "$1,$2\"").replaceAll(",\\s*,", ",");
        text = text.replaceAll(",(\\s*[}\\]])", "$1");
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    public static InstrumentDefinition spot(String symbol, String base, String quote) {
        return new InstrumentDefinition("binance-spot", symbol, InstrumentId.spot(base, quote), quote, null,
                rules(), true);
    }

    public static InstrumentDefinition perp(String symbol, String base, String quote) {
        return new InstrumentDefinition("binance-usdm", symbol, InstrumentId.perpetual(base, quote), quote, null,
                rules(), true);
    }

    private static TradingRules rules() {
        return new TradingRules(new BigDecimal("0.00000001"), new BigDecimal("0.00000001"),
                new BigDecimal("0.00000001"), null, null, BigDecimal.ONE);
    }

    /** The spot symbols the fixtures use (BTCUDT, a typo in one recording, is left out on purpose). */
    public static InstrumentRegistry spotRegistry() {
        InstrumentRegistry registry = new InstrumentRegistry("binance-spot");
        registry.replaceAll(List.of(spot("BTCUSDT", "BTC", "USDT"), spot("LTCBTC", "LTC", "BTC"),
                spot("ETHBTC", "ETH", "BTC"), spot("LTCBNB", "LTC", "BNB"), spot("BNBBTC", "BNB", "BTC")));
        return registry;
    }

    public static InstrumentRegistry usdmRegistry() {
        InstrumentRegistry registry = new InstrumentRegistry("binance-usdm");
        registry.replaceAll(List.of(perp("BTCUSDT", "BTC", "USDT"), perp("ADAUSDT", "ADA", "USDT"),
                perp("ETHUSDT", "ETH", "USDT"), perp("COMPUSDT", "COMP", "USDT")));
        return registry;
    }

    public static MappingContext context(BinanceVenue venue, EventSource source) {
        return new MappingContext(venue.exchange(), "main",
                venue == BinanceVenue.SPOT ? spotRegistry() : usdmRegistry(), source);
    }
}
