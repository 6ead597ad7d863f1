package io.exchangebus.streams.books;

import io.exchangebus.events.PriceLevel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The stored form of a {@link FullDepthBook}: the value of {@link BookTopology#BOOK_STORE} and of its changelog.
 * Exact (decimals as unscaled integer and scale, times as seconds and nanos) and compact, because the whole book is
 * written after every update; the levels' bytes are made when a level is set ({@link BookLevel}), so writing a book
 * is copying them. Not Avro on purpose: this is private state of the builder, never read outside this package, and
 * a registry round trip per write would cost more than the book.
 *
 * <pre>
 * offset size  field
 *  0      1    version = 1
 *  1      1    flags: 0x01 stale, 0x02 awaiting first delta, 0x04 exchange time present
 *  2      8    sequence of the last update applied
 * 10     12    exchange time: epoch seconds (8), nanos (4); zeros when absent
 * 22     12    receive time: epoch seconds (8), nanos (4)
 * 34      *    exchange, symbol, instrumentId: each a 2-byte length and UTF-8
 *         4    number of bid levels
 *         4    number of ask levels
 *         *    bid levels best first, then ask levels best first: price then quantity, each decimal as
 *              scale (1, signed), length n (1), n bytes of the unscaled value (two's complement)
 * </pre>
 * Multi-byte integers are big-endian. Decimals that fit the event model's {@code decimal(38, 18)} have a scale in
 * [-19, 18] and at most 16 bytes of unscaled value, so the one-byte fields always suffice.
 *
 * <p>Thread-safe (stateless).
 */
final class StoredBookSerde implements Serde<FullDepthBook>, Serializer<FullDepthBook>, Deserializer<FullDepthBook> {
    static final byte VERSION = 1;

    private static final int STALE = 0x01;
    private static final int AWAITING_FIRST_DELTA = 0x02;
    private static final int HAS_EXCHANGE_TIME = 0x04;
    private static final int FIXED_HEADER = 1 + 1 + 8 + 12 + 12;

    @Override
    public byte[] serialize(String topic, FullDepthBook book) {
        if (book == null) {
            return null;
        }
        byte[] exchange = utf8(book.exchange());
        byte[] symbol = utf8(book.symbol());
        byte[] instrumentId = utf8(book.instrumentId());
        int size = FIXED_HEADER + 6 + exchange.length + symbol.length + instrumentId.length + 8 + book.levelBytes();
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.put((byte) flags(book));
        out.putLong(book.sequence());
        putInstant(out, book.exchangeTime());
        putInstant(out, book.receiveTime());
        putString(out, exchange);
        putString(out, symbol);
        putString(out, instrumentId);
        out.putInt(book.bids().size());
        out.putInt(book.asks().size());
        byte[] array = out.array();
        int at = copyLevels(book.asks(), array, copyLevels(book.bids(), array, out.position()));
        if (at != size) {
            throw new IllegalStateException("stored book of " + book + " is " + at + " bytes, expected " + size);
        }
        return array;
    }

    /** The hot loop of a write: plain array copies, no buffer bookkeeping per level. */
    private static int copyLevels(Collection<BookLevel> levels, byte[] out, int at) {
        for (BookLevel level : levels) {
            byte[] encoded = level.encoded;
            System.arraycopy(encoded, 0, out, at, encoded.length);
            at += encoded.length;
        }
        return at;
    }

    private static int flags(FullDepthBook book) {
        return (book.stale() ? STALE : 0) | (book.awaitingFirstDelta() ? AWAITING_FIRST_DELTA : 0)
                | (book.exchangeTime() != null ? HAS_EXCHANGE_TIME : 0);
    }

    @Override
    public FullDepthBook deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return read(ByteBuffer.wrap(data));
        } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw new SerializationException("Malformed stored book (" + data.length + " bytes) read from '" + topic
                    + "': " + e, e);
        }
    }

    private static FullDepthBook read(ByteBuffer in) {
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown stored book version " + version + ", this build reads "
                    + VERSION);
        }
        int flags = in.get();
        long sequence = in.getLong();
        Instant exchangeTime = getInstant(in);
        Instant receiveTime = getInstant(in);
        String exchange = getString(in);
        String symbol = getString(in);
        String instrumentId = getString(in);
        int bidCount = in.getInt();
        int askCount = in.getInt();
        FullDepthBook book = FullDepthBook.restored(exchange, symbol, instrumentId, sequence, (flags & STALE) != 0,
                (flags & AWAITING_FIRST_DELTA) != 0, (flags & HAS_EXCHANGE_TIME) != 0 ? exchangeTime : null,
                receiveTime);
        for (int i = 0; i < bidCount; i++) {
            book.restoreLevel(true, readLevel(in));
        }
        for (int i = 0; i < askCount; i++) {
            book.restoreLevel(false, readLevel(in));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes left after the last level");
        }
        return book;
    }

    /**
     * A level in the stored format (see the class comment).
     *
     * @throws IllegalArgumentException if a decimal does not fit the event model's {@code decimal(38, 18)}, which
     *                                  {@link BookUpdateContract} has ruled out for every level that reaches a book
     */
    static byte[] encodeLevel(PriceLevel level) {
        BigDecimal price = level.getPrice();
        BigDecimal quantity = level.getQuantity();
        byte[] priceDigits = price.unscaledValue().toByteArray();
        byte[] quantityDigits = quantity.unscaledValue().toByteArray();
        byte[] out = new byte[4 + priceDigits.length + quantityDigits.length];
        int at = putDecimal(out, 0, price.scale(), priceDigits);
        putDecimal(out, at, quantity.scale(), quantityDigits);
        return out;
    }

    private static int putDecimal(byte[] out, int at, int scale, byte[] digits) {
        if (scale != (byte) scale || digits.length > 0xFF) {
            throw new IllegalArgumentException("decimal of scale " + scale + " and " + digits.length
                    + " bytes does not fit the stored book format");
        }
        out[at] = (byte) scale;
        out[at + 1] = (byte) digits.length;
        System.arraycopy(digits, 0, out, at + 2, digits.length);
        return at + 2 + digits.length;
    }

    private static BookLevel readLevel(ByteBuffer in) {
        int start = in.position();
        BigDecimal price = getDecimal(in);
        BigDecimal quantity = getDecimal(in);
        byte[] encoded = Arrays.copyOfRange(in.array(), start, in.position());
        return new BookLevel(new PriceLevel(price, quantity), encoded);
    }

    private static BigDecimal getDecimal(ByteBuffer in) {
        int scale = in.get();
        byte[] digits = new byte[in.get() & 0xFF];
        in.get(digits);
        return new BigDecimal(new BigInteger(digits), scale);
    }

    private static void putInstant(ByteBuffer out, Instant time) {
        out.putLong(time == null ? 0 : time.getEpochSecond());
        out.putInt(time == null ? 0 : time.getNano());
    }

    private static Instant getInstant(ByteBuffer in) {
        long seconds = in.getLong();
        return Instant.ofEpochSecond(seconds, in.getInt());
    }

    private static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("text of " + bytes.length + " bytes is too long for a stored book");
        }
        return bytes;
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putShort((short) utf8.length);
        out.put(utf8);
    }

    private static String getString(ByteBuffer in) {
        byte[] bytes = new byte[in.getShort() & 0xFFFF];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure.
    }

    @Override
    public Serializer<FullDepthBook> serializer() {
        return this;
    }

    @Override
    public Deserializer<FullDepthBook> deserializer() {
        return this;
    }

    @Override
    public void close() {
        // Stateless: nothing to release.
    }
}
