package io.exchangebus.sim;

import static io.exchangebus.sim.engine.Side.BUY;
import static io.exchangebus.sim.engine.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.OrderRequest;
import org.junit.jupiter.api.Test;

class TradeIdScopeTest {

    private static final Instrument BTC_PERP = Instrument.inversePerpetual("BTC-PERPETUAL", "BTC", "USD", "0.5", "10");
    private static final Instrument BTC_OPTION =
            Instrument.option("BTC-27JUN25-100000-C", "BTC", "USD", "BTC", "0.0001", "0.1");
    private static final Instrument BTC_USDC = Instrument.perpetual("BTC_USDC-PERPETUAL", "BTC", "USDC", "1", "0.001");

    private static Simulator simulator(TradeIdScope scope) {
        Simulator sim = Simulator.builder().instrument(BTC_PERP).instrument(BTC_OPTION).instrument(BTC_USDC)
                .firstIds(1, 1000).tradeIdScope(scope).build();
        sim.accounts().create("m");
        sim.accounts().create("t");
        return sim;
    }

    private static Fill trade(Simulator sim, Instrument instrument, String price, String qty) {
        sim.place(instrument.symbol(), OrderRequest.limit("m", SELL, price, qty));
        return sim.place(instrument.symbol(), OrderRequest.limit("t", BUY, price, qty)).fills().get(0);
    }

    @Test
    void shouldNumberTradeIdsPerSettlementCurrencyAndTradeSeqPerInstrument() {
        Simulator sim = simulator(TradeIdScope.SETTLEMENT_ASSET);

        Fill perp1 = trade(sim, BTC_PERP, "50000", "10");
        Fill option1 = trade(sim, BTC_OPTION, "0.05", "0.1");
        Fill perp2 = trade(sim, BTC_PERP, "50000", "10");
        Fill usdc1 = trade(sim, BTC_USDC, "50000", "0.001");

        assertThat(new long[] {perp1.tradeId(), option1.tradeId(), perp2.tradeId(), usdc1.tradeId()})
                .containsExactly(1000, 1001, 1002, 1000);
        assertThat(new long[] {perp1.tradeSeq(), option1.tradeSeq(), perp2.tradeSeq(), usdc1.tradeSeq()})
                .containsExactly(1, 1, 2, 1);
    }

    @Test
    void shouldNumberTradeIdsPerInstrumentByDefault() {
        Simulator sim = Simulator.builder().instrument(BTC_PERP).instrument(BTC_OPTION).firstIds(1, 7).build();
        sim.accounts().create("m");
        sim.accounts().create("t");

        assertThat(trade(sim, BTC_PERP, "50000", "10").tradeId()).isEqualTo(7);
        assertThat(trade(sim, BTC_OPTION, "0.05", "0.1").tradeId()).isEqualTo(7);
        assertThat(trade(sim, BTC_PERP, "50000", "10").tradeId()).isEqualTo(8);
    }

    @Test
    void shouldShareOneSequenceAcrossTheExchange() {
        Simulator sim = simulator(TradeIdScope.EXCHANGE);

        assertThat(trade(sim, BTC_PERP, "50000", "10").tradeId()).isEqualTo(1000);
        assertThat(trade(sim, BTC_USDC, "50000", "0.001").tradeId()).isEqualTo(1001);
        assertThat(trade(sim, BTC_OPTION, "0.05", "0.1").tradeSeq()).isEqualTo(1);
    }
}
