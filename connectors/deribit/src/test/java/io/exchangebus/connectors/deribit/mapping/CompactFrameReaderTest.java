package io.exchangebus.connectors.deribit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.deribit.DeribitFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactFrameReaderTest {

    static final String CHANGE = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{"
            + "\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"change\",\"timestamp\":1700000000123,"
            + "\"prev_change_id\":10,\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":11,"
            + "\"bids\":[[\"new\",65000.5,1200.0],[\"delete\",64999.0,0.0]],\"asks\":[[\"change\",65001,5e3]]}}}";
    static final String SNAPSHOT = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{"
            + "\"channel\":\"book.BTC-PERPETUAL.raw\",\"data\":{\"type\":\"snapshot\",\"timestamp\":1700000000123,"
            + "\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":10,\"prev_change_id\":null,"
            + "\"bids\":[[\"new\",65000.5,1200.0],[\"new\",64999.0,10.0]],\"asks\":[]}}}";
    static final String GROUPED = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{"
            + "\"channel\":\"book.ETH-PERPETUAL.none.10.100ms\",\"data\":{\"timestamp\":1700000000123,"
            + "\"instrument_name\":\"ETH-PERPETUAL\",\"change_id\":7,\"bids\":[[3500.05,10]],\"asks\":[[3500.1,2]]}}}";

    private static List<String> compactFrames() {
        List<String> frames = new ArrayList<>(List.of(CHANGE, SNAPSHOT, GROUPED));
        frames.add(DeribitFixtures.raw("ws_trades_capture.gocryptotrader.jsonl", 1));
        frames.add(DeribitFixtures.raw("ws_trades_capture.gocryptotrader.jsonl", 2));
        return frames;
    }

    @Test
    void shouldReadDeribitsUsualLayoutOnTheFastPathAsTheTokenWalkDoes() {
        for (String frame : compactFrames()) {
            MarketFrameReader.Frame fast = CompactFrameReader.read(frame);
            assertThat(fast).as(frame).isNotNull().isEqualTo(MarketFrameReader.readTokens(frame));
        }
    }

    @Test
    void shouldLeaveOtherLayoutsAndEveryRefusalToTheTokenWalk() {
        assertThat(CompactFrameReader.read(CHANGE.replace(",\"", ", \""))).isNull();
        assertThat(CompactFrameReader.read(CHANGE.replace("BTC-PERPETUAL\"", "BTC-PERPETUAL\\u0041\""))).isNull();
        assertThat(CompactFrameReader.read(CHANGE.replace("1200.0", "-1"))).isNull();
        assertThat(CompactFrameReader.read(CHANGE.replace("1200.0", "\"1200.0\""))).isNull();
        assertThat(CompactFrameReader.read(CHANGE.replace("\"prev_change_id\":10,", ""))).isNull();
        assertThat(CompactFrameReader.read(SNAPSHOT.replace("[\"new\",64999.0", "[\"change\",64999.0"))).isNull();
        assertThat(CompactFrameReader.read(CHANGE + " ")).isNull();
        String ticker = CHANGE.replace("book.BTC-PERPETUAL.100ms", "ticker.BTC-PERPETUAL.100ms");
        assertThat(CompactFrameReader.read(ticker)).isNull();
    }

    @Test
    void shouldNeverGiveAnythingTheTokenWalkWouldNotOverAHundredThousandMutations() {
        SplittableRandom random = new SplittableRandom(20261207L);
        List<String> frames = compactFrames();
        String alphabet = "\"[]{},:.-+eE0123456789 \\nuladcghst";
        int fast = 0;
        for (int n = 0; n < 100_000; n++) {
            String frame = mutated(frames.get(random.nextInt(frames.size())), alphabet, random);
            MarketFrameReader.Frame compact = CompactFrameReader.read(frame);
            if (compact != null) {
                fast++;
                MarketFrameReader.Frame walked;
                try {
                    walked = MarketFrameReader.readTokens(frame);
                } catch (UnmappableMessageException e) {
                    throw new AssertionError("the fast path read what the walk refuses (" + e.getMessage() + "): "
                            + frame, e);
                }
                assertThat(compact).as(frame).isEqualTo(walked);
            }
        }
        assertThat(fast).as("mutations the fast path still read").isGreaterThan(1_000);
    }

    /** {@code frame} with one to three characters replaced, deleted or inserted, from {@code alphabet}. */
    static String mutated(String frame, String alphabet, SplittableRandom random) {
        StringBuilder s = new StringBuilder(frame);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> s.deleteCharAt(at);
                default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }
}
