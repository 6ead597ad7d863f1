package io.exchangebus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.role.TradeSequencing;
import io.exchangebus.events.Trade;
import io.exchangebus.service.ops.ServiceMetrics;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each rule a connector may declare decides what a gap and a repeat are. Deribit trades: {@code trade_id} and
 * {@code trade_seq} of ETH-PERPETUAL as captured ({@code nautilus_test_data_2.jsonl}, NautilusTrader
 * {@code test_data}); the ids its captured run skips (284830840-842, 850-852) are trades of other ETH instruments,
 * given here to an ETH option with a sequence of its own (those sequences are illustrative). GRVT trade ids as
 * ccxt's comments quote them ({@code ccxt_comments.jsonl}).
 */
class TradeSequencingRulesTest {
    private static final String PERP = "deribit:ETH-PERPETUAL";
    private static final String OPTION = "deribit:ETH-28MAR25-2000-C";

    private final ServiceMetrics registry = new ServiceMetrics("ingest", "ingest-test");
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TradeContinuity continuity = new TradeContinuity(metrics);

    @Test
    void shouldSeeNoGapWhenACurrencysSharedTradeIdsInterleaveButEachSequenceIsConsecutive() {
        String[][] interleaved = {
            {PERP, "ETH-284830839", "203024587"}, {OPTION, "ETH-284830840", "5001"},
            {OPTION, "ETH-284830841", "5002"}, {OPTION, "ETH-284830842", "5003"},
            {PERP, "ETH-284830843", "203024588"}, {PERP, "ETH-284830844", "203024589"},
            {PERP, "ETH-284830845", "203024590"}, {PERP, "ETH-284830846", "203024591"},
            {PERP, "ETH-284830847", "203024592"}, {PERP, "ETH-284830848", "203024593"},
            {PERP, "ETH-284830849", "203024594"}, {OPTION, "ETH-284830850", "5004"},
            {OPTION, "ETH-284830851", "5005"}, {OPTION, "ETH-284830852", "5006"},
            {PERP, "ETH-284830853", "203024595"}, {PERP, "ETH-284830854", "203024596"}};

        for (String[] t : interleaved) {
            TradeContinuity.Admission admission = admitDeribit(t[0], t[1], Long.parseLong(t[2]));
            assertThat(admission.publish()).as(t[1]).isTrue();
            assertThat(admission.gap()).as(t[1] + " opens no gap").isNull();
        }
        assertThat(metrics.tradesMissed("deribit", "ETH-PERPETUAL")).isZero();
        assertThat(continuity.lastId(PERP)).isEqualTo(203024596L);
        assertThat(continuity.lastId(OPTION)).isEqualTo(5006L);
    }

    @Test
    void shouldOpenAGapOfTheSkippedSequenceNumbers() {
        admitDeribit(PERP, "ETH-284830839", 203024587);

        TradeContinuity.Admission admission = admitDeribit(PERP, "ETH-284830845", 203024590);

        assertThat(admission.publish()).as("the live trade goes on at once").isTrue();
        assertThat(admission.gap().from()).isEqualTo(203024588L);
        assertThat(admission.gap().to()).isEqualTo(203024589L);
        assertThat(admission.gap().rule()).isEqualTo(TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE);
        assertThat(continuity.close(admission.gap())).as("nothing filled it").isEqualTo(2);
        assertThat(metrics.tradesMissed("deribit", "ETH-PERPETUAL")).isEqualTo(2.0);
    }

    @Test
    void shouldDropARepeatedSequenceAndTakeALateOneIntoItsOpenGap() {
        admitDeribit(PERP, "ETH-284830839", 203024587);
        TradeContinuity.Gap gap = admitDeribit(PERP, "ETH-284830845", 203024590).gap();

        assertThat(admitDeribit(PERP, "ETH-284830845", 203024590).publish()).as("repeat").isFalse();
        assertThat(admitDeribit(PERP, "ETH-284830843", 203024588).publish()).as("late, into the gap").isTrue();
        assertThat(admitDeribit(PERP, "ETH-284830843", 203024588).publish()).as("late, again").isFalse();
        assertThat(continuity.fillIn(gap, 203024588)).as("the backfill skips what the stream gave").isFalse();
        assertThat(continuity.fillIn(gap, 203024589)).isTrue();
        assertThat(continuity.close(gap)).isZero();
    }

    @Test
    void shouldCheckNoGapInTextIdsAndDropOnlyARepeatedId() {
        assertThat(admitGrvt("73808524-19").publish()).isTrue();
        assertThat(admitGrvt("74150425-1").publish()).isTrue();
        assertThat(admitGrvt("64796657-1").publish()).as("lower, but ids have no order").isTrue();

        TradeContinuity.Admission repeat = admitGrvt("73808524-19");

        assertThat(repeat.publish()).as("the same id again").isFalse();
        assertThat(repeat.gap()).isNull();
        assertThat(continuity.lastId("grvt:BTC_USDT_Perp")).as("no position kept").isNull();
        assertThat(metrics.tradesMissed("grvt", "BTC_USDT_Perp")).isZero();
    }

    @Test
    void shouldTakeTheTradeIdAsThePositionOnlyUnderTheConsecutiveIdRule() {
        Trade binance = trade("binance-spot", "BTCUSDT", "5933014", null);
        Trade deribit = trade("deribit", "ETH-PERPETUAL", "ETH-284830839", 203024587L);

        assertThat(TradeSequencing.CONSECUTIVE_TRADE_ID.position(binance)).isEqualTo(5933014L);
        assertThat(TradeSequencing.CONSECUTIVE_TRADE_ID.position(deribit)).isNull();
        assertThat(TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE.position(deribit)).isEqualTo(203024587L);
        assertThat(TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE.position(binance)).isNull();
        assertThat(TradeSequencing.NONE.position(binance)).isNull();
    }

    private TradeContinuity.Admission admitDeribit(String key, String tradeId, long tradeSeq) {
        String symbol = key.substring("deribit:".length());
        return continuity.admit("deribit", key, TradeSequencing.CONSECUTIVE_TRADE_SEQUENCE,
                trade("deribit", symbol, tradeId, tradeSeq));
    }

    private TradeContinuity.Admission admitGrvt(String tradeId) {
        return continuity.admit("grvt", "grvt:BTC_USDT_Perp", TradeSequencing.NONE,
                trade("grvt", "BTC_USDT_Perp", tradeId, null));
    }

    static Trade trade(String exchange, String symbol, String tradeId, Long tradeSequence) {
        return Trade.newBuilder().setExchange(exchange).setSymbol(symbol).setInstrumentId(symbol)
                .setTradeId(tradeId).setTradeSequence(tradeSequence)
                .setPrice(ExactDecimals.exact("price", new BigDecimal("2000")))
                .setQuantity(ExactDecimals.exact("quantity", BigDecimal.ONE))
                .setReceiveTime(Instant.EPOCH).build();
    }
}
