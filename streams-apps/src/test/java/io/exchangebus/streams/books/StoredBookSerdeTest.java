package io.exchangebus.streams.books;

import static io.exchangebus.streams.books.BookEvents.levels;
import static io.exchangebus.streams.books.BookEvents.none;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoredBookSerdeTest {
    private static final String TOPIC = "app-books-store-changelog";

    private final StoredBookSerde serde = new StoredBookSerde();
    private final BookEvents usdm = BookEvents.binanceUsdmBtc();

    @Test
    void shouldRoundTripBookExactlyWithEveryScaleItMayHold() {
        FullDepthBook book = new FullDepthBook(usdm.exchange, usdm.symbol, usdm.instrumentId);
        // As read from Avro (scale 18), as an exchange writes it (scale 2, 8), the extremes of decimal(38, 18).
        book.replaceWith(usdm.snapshot(1027024, List.of(
                        level("65000.100000000000000000", "1.500000000000000000"),
                        level("64999.99", "0.00000001"),
                        level("1E+3", "12345678901234567890"),
                        level("0.000000000000000001", "99999999999999999999.999999999999999999")),
                levels("65000.20@0.25", "65001@3")));
        book.applyDelta(usdm.usdmDelta(1027020, 1027030, 1027024, levels("64999.99@0"), levels("65000.15@7.125")));

        byte[] bytes = serde.serialize(TOPIC, book);
        FullDepthBook read = serde.deserialize(TOPIC, bytes);

        assertThat(exact(read.bids())).containsExactly("65000.100000000000000000@1.500000000000000000",
                "1E+3@12345678901234567890", "1E-18@99999999999999999999.999999999999999999");
        assertThat(exact(read.asks())).containsExactly("65000.15@7.125", "65000.20@0.25", "65001@3");
        assertThat(read.exchange()).isEqualTo("binance-usdm");
        assertThat(read.symbol()).isEqualTo("BTCUSDT");
        assertThat(read.instrumentId()).isEqualTo("BTC-USDT-PERP");
        assertThat(read.sequence()).isEqualTo(1027030);
        assertThat(read.stale()).isFalse();
        assertThat(read.awaitingFirstDelta()).isFalse();
        assertThat(read.exchangeTime()).isEqualTo(book.exchangeTime()).isNotNull();
        assertThat(read.receiveTime()).isEqualTo(book.receiveTime());
        assertThat(read.levelBytes()).isEqualTo(book.levelBytes());
        assertThat(serde.serialize(TOPIC, read)).isEqualTo(bytes);
    }

    @Test
    void shouldRoundTripSnapshotAwaitingItsFirstDeltaWithoutExchangeTime() {
        FullDepthBook book = new FullDepthBook(usdm.exchange, usdm.symbol, usdm.instrumentId);
        BookUpdate snapshot = usdm.snapshot(7, levels("10@1"), none());
        snapshot.setExchangeTime(null);
        book.replaceWith(snapshot);

        FullDepthBook read = serde.deserialize(TOPIC, serde.serialize(TOPIC, book));

        assertThat(read.awaitingFirstDelta()).isTrue();
        assertThat(read.exchangeTime()).isNull();
        assertThat(read.sequence()).isEqualTo(7);
        assertThat(exact(read.bids())).containsExactly("10@1");
        assertThat(read.asks()).isEmpty();
    }

    @Test
    void shouldRoundTripStaleBookWithoutLevels() {
        FullDepthBook book = new FullDepthBook(usdm.exchange, usdm.symbol, usdm.instrumentId);
        book.replaceWith(usdm.snapshot(100, levels("10@1"), levels("11@1")));
        book.markStale(usdm.usdmDelta(105, 106, 104, levels("10@2"), none()));

        FullDepthBook read = serde.deserialize(TOPIC, serde.serialize(TOPIC, book));

        assertThat(read.stale()).isTrue();
        assertThat(read.bids()).isEmpty();
        assertThat(read.asks()).isEmpty();
        assertThat(read.sequence()).isEqualTo(100);
        assertThat(read.receiveTime()).isEqualTo(book.receiveTime());
    }

    @Test
    void shouldRefuseStoredBookOfUnknownVersion() {
        FullDepthBook book = new FullDepthBook(usdm.exchange, usdm.symbol, usdm.instrumentId);
        book.replaceWith(usdm.snapshot(1, levels("10@1"), none()));
        byte[] bytes = serde.serialize(TOPIC, book);
        bytes[0] = 2;

        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
    }

    @Test
    void shouldRefuseTruncatedStoredBook() {
        FullDepthBook book = new FullDepthBook(usdm.exchange, usdm.symbol, usdm.instrumentId);
        book.replaceWith(usdm.snapshot(1, levels("10@1", "9@2"), none()));
        byte[] bytes = serde.serialize(TOPIC, book);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC);
    }

    private static PriceLevel level(String price, String quantity) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    /** Price and quantity as written, scale included: "1.50" is not "1.5" here. */
    private static List<String> exact(Collection<BookLevel> side) {
        return side.stream().map(l -> l.level.getPrice() + "@" + l.level.getQuantity().toPlainString())
                .collect(Collectors.toList());
    }
}
