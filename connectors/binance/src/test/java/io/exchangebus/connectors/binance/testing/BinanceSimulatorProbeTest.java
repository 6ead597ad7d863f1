package io.exchangebus.connectors.binance.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BinanceSimulatorProbeTest {

    @ParameterizedTest
    @EnumSource(BinanceVenue.class)
    void shouldStartAFundedSimulatorWhoseBookSoonHasBothSides(BinanceVenue venue) throws InterruptedException {
        try (BinanceSimulatorProbe probe = BinanceSimulatorProbe.start(venue)) {
            assertThat(probe.freeBalances().get("USDT")).isEqualByComparingTo("1000000");
            assertThat(probe.instrument().exchange()).isEqualTo(venue.exchange());
            assertThat(probe.instruments().bySymbol("BTCUSDT")).isPresent();
            var book = probe.trueBook(5);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((book.bids().isEmpty() || book.asks().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
                book = probe.trueBook(5);
            }
            assertThat(book.bids()).isNotEmpty();
            assertThat(book.asks()).isNotEmpty();
            BigDecimal passive = probe.passiveBuyPrice();
            assertThat(passive).isLessThan(book.bids().get(book.bids().size() - 1).getKey());
            assertThat(passive.remainder(probe.instrument().rules().tickSize())).isZero();
        }
    }
}
