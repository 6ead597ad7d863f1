package io.exchangebus.connectors.binance.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.avro.InexactValueException;
import io.exchangebus.connectors.binance.mapping.MarketMapping.TradeTick;
import io.exchangebus.events.Side;
import io.exchangebus.events.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.avro.AvroRuntimeException;
import org.junit.jupiter.api.Test;

/** {@link TradeTick#toTrade} gives the record the event's builder gives, field for field and scale for scale. */
class TradeTickTest {
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private static TradeTick tick(String price, String quantity, Side side) {
        return new TradeTick("btcusdt@trade", "BTCUSDT", "5123456789", new BigDecimal(price),
                new BigDecimal(quantity), side, 1_700_000_000_123L);
    }

    private static Trade viaBuilder(TradeTick t, String exchange, String instrumentId, Instant received) {
        return Trade.newBuilder()
                .setExchange(exchange).setSymbol(t.symbol()).setInstrumentId(instrumentId)
                .setTradeId(t.tradeId())
                .setPrice(ExactDecimals.exact("price", t.price()))
                .setQuantity(ExactDecimals.exact("quantity", t.quantity()))
                .setAggressorSide(t.aggressorSide())
                .setExchangeTime(Instant.ofEpochMilli(t.tradeTimeMillis()))
                .setReceiveTime(received)
                .build();
    }

    @Test
    void shouldGiveTheBuildersRecordAtScale18() {
        for (TradeTick t : new TradeTick[] {tick("65000.01000000", "0.00100000", Side.SELL),
            tick("1", "123456789012345678", Side.BUY), tick("0.000000000000000001", "7.5", null)}) {
            Trade trade = t.toTrade("binance-spot", "BTC-USDT", RECEIVED);
            assertThat(trade).isEqualTo(viaBuilder(t, "binance-spot", "BTC-USDT", RECEIVED));
            assertThat(trade.getPrice().scale()).isEqualTo(ExactDecimals.SCALE);
            assertThat(trade.getQuantity().scale()).isEqualTo(ExactDecimals.SCALE);
            assertThat(trade.getTradeSequence()).isNull();
            assertThat(trade.getReceiveTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
            assertThat(trade.getExchangeTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        }
    }

    @Test
    void shouldRefuseANullFieldAsTheBuilderDoes() {
        TradeTick t = tick("1.5", "2", Side.BUY);
        assertThatThrownBy(() -> t.toTrade(null, "BTC-USDT", RECEIVED)).isInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("exchange");
        assertThatThrownBy(() -> t.toTrade("binance-spot", null, RECEIVED)).isInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("instrumentId");
        assertThatThrownBy(() -> t.toTrade("binance-spot", "BTC-USDT", null))
                .isInstanceOf(AvroRuntimeException.class).hasMessageContaining("receiveTime");
        TradeTick noSymbol = new TradeTick(null, null, "1", BigDecimal.ONE, BigDecimal.ONE, Side.BUY, 1);
        assertThatThrownBy(() -> noSymbol.toTrade("binance-spot", "BTC-USDT", RECEIVED))
                .isInstanceOf(AvroRuntimeException.class).hasMessageContaining("symbol");
    }

    @Test
    void shouldRefuseADecimalTheModelCannotHold() {
        TradeTick t = tick("0.0000000000000000001", "1", Side.BUY);
        assertThatThrownBy(() -> t.toTrade("binance-spot", "BTC-USDT", RECEIVED))
                .isInstanceOf(InexactValueException.class).hasMessageContaining("price");
    }
}
