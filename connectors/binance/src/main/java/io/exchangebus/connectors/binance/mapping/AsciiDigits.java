package io.exchangebus.connectors.binance.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * ASCII digits read eight at a time (SWAR: eight bytes in one {@code long}, the first byte lowest), for
 * {@link FrameCursor}: how many of eight bytes are digits, and their value.
 */
final class AsciiDigits {
    /** {@code '0'} in each of eight bytes: subtracted from eight bytes of text, it leaves digits as values 0..9. */
    static final long ZEROS = 0x3030303030303030L;
    static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    /** Eight bytes of the frame as one long, the first byte lowest (the order the digit tricks below assume). */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private AsciiDigits() {
    }

    /** The eight bytes of {@code b} from {@code at} as one long, the first byte lowest. */
    static long eightBytes(byte[] b, int at) {
        return (long) EIGHT_BYTES.get(b, at);
    }

    /**
     * How many of the eight bytes of {@code chunk - 0x30…30} (first byte lowest) are ASCII digits before the first
     * that is not. A byte is a digit when, less {@code '0'}, it is below 10: then neither it nor it plus 0x76 has the
     * top bit. The subtraction's borrows and the addition's carries only run towards later bytes, so the bytes up to
     * the first non-digit are exact.
     */
    static int leadingDigits(long digits) {
        long notDigit = ((digits + 0x7676767676767676L) | digits) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(notDigit) >>> 3; // 64 / 8 = 8 when all are digits
    }

    /**
     * The value of eight digit values 0..9, one a byte, the first in the lowest byte (leading zeros, if shifted in,
     * count as zeros): the usual SWAR reduction, pairs, then quads, then the two halves.
     */
    static long digitsValue(long digits) {
        long v = digits * 10 + (digits >>> 8);
        return (((v & 0x000000FF000000FFL) * 0x000F424000000064L)
                + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
    }
}
