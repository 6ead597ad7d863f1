package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.mapping.MarketMapping.DepthDiff;
import io.exchangebus.connectors.binance.mapping.MarketMapping.Message;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.connectors.core.testing.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compact fast path against the general Jackson walk: wherever the fast path answers (a message or a refusal),
 * the answer is the general walk's, value and scale alike; and it does answer for the frames Binance sends.
 */
class CompactFrameReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_JSON = "not valid JSON:";
    private static final String MUTATION_CHARS = "{}[]\",:0123456789.-+eE \\\tatrufln";

    @Test
    void shouldReadEveryFixtureFrameAsTheGeneralWalkDoes() throws IOException {
        int compact = 0;
        for (String frame : fixtureFrames()) {
            for (BinanceVenue venue : BinanceVenue.values()) {
                if (agreeWithGeneralWalk(venue, frame)) {
                    compact++;
                }
            }
        }
        // the docs' and captures' depth and trade frames, in their compact form, take the fast path
        assertThat(compact).isGreaterThan(20);
    }

    @Test
    void shouldReadGeneratedDepthAndTradeFramesOnTheFastPath() {
        Random random = new Random(7);
        for (int n = 0; n < 2000; n++) {
            BinanceVenue venue = random.nextBoolean() ? BinanceVenue.SPOT : BinanceVenue.USDM;
            String frame = generated(random, venue);
            assertThat(agreeWithGeneralWalk(venue, frame)).as(frame).isTrue();
        }
    }

    @Test
    void shouldAnswerAsTheGeneralWalkOrNotAtAllForMutatedFrames() throws IOException {
        Random random = new Random(11);
        List<String> seeds = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            seeds.add(generated(random, n % 2 == 0 ? BinanceVenue.SPOT : BinanceVenue.USDM));
        }
        seeds.addAll(fixtureFrames());
        int answered = 0;
        for (int n = 0; n < 30_000; n++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String frame = mutated(random, seed);
            for (BinanceVenue venue : BinanceVenue.values()) {
                if (agreeWithGeneralWalk(venue, frame)) {
                    answered++;
                }
            }
        }
        assertThat(answered).as("mutations the fast path still answered").isGreaterThan(1000);
    }

    @Test
    void shouldAnswerAsTheGeneralWalkForEveryTruncation() {
        String frame = generated(new Random(3), BinanceVenue.USDM);
        for (int end = 0; end <= frame.length(); end++) {
            agreeWithGeneralWalk(BinanceVenue.USDM, frame.substring(0, end));
            agreeWithGeneralWalk(BinanceVenue.SPOT, frame.substring(0, end));
        }
    }

    @Test
    void shouldLeaveWhitespaceEscapesAndNumericDecimalsToTheGeneralWalk() {
        String spaced = "{\"e\": \"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1.0\",\"q\":\"2\",\"T\":1,\"m\":true}";
        String escaped = "{\"e\":\"trade\",\"E\":1,\"s\":\"BTC\\u0055SDT\",\"t\":1,\"p\":\"1.0\",\"q\":\"2\",\"T\":1,"
                + "\"m\":true}";
        String numeric = "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1,\"p\":1.0,\"q\":\"2\",\"T\":1,\"m\":true}";
        for (String frame : List.of(spaced, escaped, numeric)) {
            assertThat(CompactFrameReader.read(BinanceVenue.SPOT, frame)).as(frame).isNull();
            assertThat(MarketMapping.parse(BinanceVenue.SPOT, frame)).isInstanceOf(TradeTick.class);
        }
        TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, escaped);
        assertThat(t.symbol()).isEqualTo("BTCUSDT");
    }

    @Test
    void shouldKeepTheExchangeScaleOfEveryDecimal() {
        String frame = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":5,\"s\":\"BTCUSDT\","
                + "\"U\":10,\"u\":12,\"b\":[[\"65000.01000000\",\"0.00000000\"]],\"a\":[]}}";
        DepthDiff d = (DepthDiff) CompactFrameReader.read(BinanceVenue.SPOT, frame);
        assertThat(d).isNotNull();
        assertThat(d.diff().bids().get(0).price()).isEqualTo(new BigDecimal("65000.01000000"));
        assertThat(d.diff().bids().get(0).price().scale()).isEqualTo(8);
        assertThat(d.diff().firstUpdateId()).isEqualTo(10);
        assertThat(d.stream()).isEqualTo("btcusdt@depth@100ms");
    }

    @Test
    void shouldMapFrameBytesWithNonAsciiTextAsTheFrameText() {
        String trade = "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCÜSDT€\",\"t\":1,\"p\":\"1.0\",\"q\":\"2\",\"T\":1,"
                + "\"m\":true}";
        byte[] utf8 = trade.getBytes(StandardCharsets.UTF_8);
        assertThat(CompactFrameReader.read(BinanceVenue.SPOT, utf8, 0, utf8.length)).isNull();
        TradeTick t = (TradeTick) MarketMapping.parse(BinanceVenue.SPOT, utf8, 0, utf8.length);
        assertThat(t.symbol()).isEqualTo("BTCÜSDT€");
        assertBytesMapAsText(BinanceVenue.SPOT, trade);
    }

    /** The frame's UTF-8 bytes, inside a larger buffer, give the message (or the refusal) its text gives. */
    private static void assertBytesMapAsText(BinanceVenue venue, String frame) {
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[utf8.length + 5];
        Arrays.fill(buffer, (byte) '}');
        System.arraycopy(utf8, 0, buffer, 3, utf8.length);
        Object fromText;
        Object fromBytes;
        try {
            fromText = MarketMapping.parse(venue, frame);
        } catch (UnmappableMessageException e) {
            fromText = e.getMessage();
        }
        try {
            fromBytes = MarketMapping.parse(venue, buffer, 3, utf8.length);
        } catch (UnmappableMessageException e) {
            fromBytes = e.getMessage();
        }
        String where = venue + " " + frame;
        if (fromText instanceof String refusal && refusal.startsWith(NOT_JSON)) {
            // Jackson words a syntax error in bytes and in characters differently; both are refused as not JSON
            assertThat(fromBytes).as(where).isInstanceOf(String.class);
            assertThat((String) fromBytes).as(where).startsWith(NOT_JSON);
            return;
        }
        assertThat(fromBytes).as(where).isEqualTo(fromText);
        assertThat(String.valueOf(fromBytes)).as(where + " (scales)").isEqualTo(String.valueOf(fromText));
    }

    /**
     * True when the fast path answered; then its answer (message, or refusal and its reason) must be the general
     * walk's.
     */
    private static boolean agreeWithGeneralWalk(BinanceVenue venue, String frame) {
        assertBytesMapAsText(venue, frame);
        Object fast;
        try {
            fast = CompactFrameReader.read(venue, frame);
            if (fast == null) {
                return false;
            }
        } catch (UnmappableMessageException e) {
            fast = e;
        }
        Object general;
        try {
            general = MarketMapping.parseGeneral(venue, frame);
        } catch (UnmappableMessageException e) {
            general = e;
        }
        String where = venue + " " + frame;
        if (fast instanceof UnmappableMessageException refusal) {
            assertThat(general).as(where).isInstanceOf(UnmappableMessageException.class);
            assertThat(refusal.getMessage()).as(where)
                    .isEqualTo(((UnmappableMessageException) general).getMessage());
        } else {
            assertThat(general).as(where).isInstanceOf(Message.class);
            assertThat(fast).as(where).isEqualTo(general);
            assertThat(fast.toString()).as(where + " (scales)").isEqualTo(general.toString());
        }
        return true;
    }

    private static List<String> fixtureFrames() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.path("binance"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode fixture = JSON.readTree(line);
                    if (fixture.has("raw")) {
                        out.add(fixture.get("raw").asText());
                    }
                    if (fixture.path("message").isContainerNode()) {
                        out.add(fixture.get("message").toString()); // compact, as Binance sends it
                    }
                }
            }
        }
        return out;
    }

    /** A depth, trade or aggTrade frame as Binance lays it out, fields in a random order, maybe enveloped. */
    private static String generated(Random random, BinanceVenue venue) {
        List<String> fields = new ArrayList<>();
        String stream;
        int kind = random.nextInt(4);
        if (kind < 2) {
            long last = 1 + (long) (random.nextDouble() * 1e12);
            long first = last - random.nextInt(50);
            fields.add("\"e\":\"depthUpdate\"");
            fields.add("\"U\":" + first);
            fields.add("\"u\":" + last);
            if (venue == BinanceVenue.USDM) {
                fields.add("\"pu\":" + (first - 1));
                fields.add("\"T\":" + (1767322924000L + random.nextInt(1000)));
            }
            fields.add("\"b\":" + levels(random));
            fields.add("\"a\":" + levels(random));
            stream = "btcusdt@depth@100ms";
        } else {
            boolean agg = kind == 3 || venue == BinanceVenue.USDM;
            fields.add(agg ? "\"e\":\"aggTrade\"" : "\"e\":\"trade\"");
            fields.add((agg ? "\"a\":" : "\"t\":") + random.nextInt(Integer.MAX_VALUE));
            fields.add("\"p\":\"" + decimal(random) + "\"");
            fields.add("\"q\":\"" + decimal(random) + "\"");
            fields.add("\"T\":" + (1767322924000L + random.nextInt(1000)));
            fields.add("\"m\":" + random.nextBoolean());
            if (random.nextBoolean()) {
                fields.add("\"M\":true");
            }
            if (agg) {
                fields.add("\"f\":100");
                fields.add("\"l\":105");
            }
            stream = agg ? "btcusdt@aggTrade" : "btcusdt@trade";
        }
        fields.add("\"E\":" + (1767322924000L + random.nextInt(1000)));
        fields.add("\"s\":\"BTCUSDT\"");
        Collections.shuffle(fields.subList(1, fields.size()), random);
        String event = "{" + String.join(",", fields) + "}";
        return random.nextBoolean() ? "{\"stream\":\"" + stream + "\",\"data\":" + event + "}" : event;
    }

    private static String levels(Random random) {
        int count = random.nextInt(26);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(decimal(random)).append("\",\"")
                    .append(random.nextInt(5) == 0 ? "0.00000000" : decimal(random)).append("\"]");
        }
        return sb.append(']').toString();
    }

    private static String decimal(Random random) {
        BigDecimal value = BigDecimal.valueOf(random.nextLong() & 0xffffffffffL, random.nextInt(10));
        return value.toPlainString();
    }

    private static String mutated(Random random, String frame) {
        StringBuilder sb = new StringBuilder(frame);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            char c = MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(at, c);
                case 1 -> sb.insert(at, c);
                default -> sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }
}
