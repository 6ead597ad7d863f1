package io.exchangebus.avro.serde;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import org.apache.avro.LogicalTypes;

/**
 * The bytes of Avro's {@code decimal} logical type on {@code bytes} — the unscaled value at the schema's scale,
 * big-endian two's complement in the fewest bytes ({@link BigInteger#toByteArray}), as Avro's
 * {@code Conversions.DecimalConversion} writes and reads them — computed in two longs instead of a
 * {@link BigInteger} per value.
 *
 * <p>Layout of a value: {@code hi:lo} is the 128-bit two's complement unscaled value; its byte length is
 * {@code bitLength / 8 + 1} (so {@code 0} is one byte {@code 00}, {@code 65000.01} at scale 18 is ten bytes).
 * At most 38 digits fit in 127 bits, so every value {@link #fits} describes is at most {@link #MAX_LENGTH} bytes.
 *
 * <p>Where the unscaled value comes from without allocating: a {@link BigDecimal} of up to 19 digits gives it as
 * {@code movePointRight(scale).longValue()} (a compact value is read from its long; an inflated one from the
 * BigInteger it already holds; the intermediate BigDecimal does not escape and the JIT removes it); a wider one
 * holds a BigInteger already, whose low 64 bits are {@code longValue()} and whose high bits come from its double
 * ({@link #highBits}). Decoding builds {@code BigDecimal.valueOf(long, scale)} up to 8 bytes; a wider value needs a
 * BigInteger inside its BigDecimal, built straight from the buffer.
 */
final class DecimalBytes {
    /** The longest two's complement unscaled value handled here (38 digits need 127 bits). */
    static final int MAX_LENGTH = 16;
    private static final int MAX_DIGITS = 38;
    private static final long[] POWERS_OF_TEN = powersOfTen();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private DecimalBytes() {
    }

    /**
     * Whether {@code value} is one Avro would write to {@code type} by rescaling without rounding (its scale at most
     * the type's, at most 18 below it) within the type's precision and 38 digits. Anything else is left to Avro's
     * conversion, which writes it or refuses it with its own message.
     */
    static boolean fits(BigDecimal value, LogicalTypes.Decimal type) {
        int scale = value.scale();
        int rescale = type.getScale() - scale;
        if (scale < 0 || rescale < 0 || rescale >= POWERS_OF_TEN.length) {
            return false;
        }
        int digits = value.signum() == 0 ? 1 : value.precision() + rescale;
        return digits <= type.getPrecision() && digits <= MAX_DIGITS;
    }

    /**
     * Writes into {@code out} the unscaled value of {@code value} at {@code scale} as 16 bytes, big-endian two's
     * complement, and returns the length of its shortest form, Avro's bytes: {@code out[16 - length, 16)}. Only for
     * a value that {@link #fits}; {@code out} holds {@link #MAX_LENGTH} bytes.
     */
    static int encode(BigDecimal value, int scale, byte[] out) {
        int valueScale = value.scale();
        long hi;
        long lo;
        if (value.precision() <= 19) {
            // |unscaled| < 10^19 < 2^64: the low 64 bits and the sign say it all
            lo = value.movePointRight(valueScale).longValue();
            hi = value.signum() < 0 ? -1L : 0L;
        } else {
            BigInteger unscaled = value.unscaledValue(); // held by a value this wide: no allocation
            lo = unscaled.longValue();
            hi = highBits(unscaled);
        }
        int rescale = scale - valueScale;
        if (rescale > 0) {
            long factor = POWERS_OF_TEN[rescale];
            long carry = Math.multiplyHigh(lo, factor) + ((lo >> 63) & factor); // unsigned high half of lo * factor
            hi = hi * factor + carry;
            lo = lo * factor;
        }
        return twosComplement(hi, lo, out);
    }

    /**
     * Bits 64 to 127 of a two's complement value of at most 127 bits. Up to 116 bits, from the value's double
     * (no allocation): {@code floor(d / 2^64)} is the high half or, when rounding to 53 bits carried the value up
     * onto a multiple of 2^64, the high half plus one; never less, since a multiple of 2^64 below 2^117 is itself a
     * double, which rounding to nearest cannot pass. Bit 64 tells the two apart. Wider values go bit by bit.
     */
    static long highBits(BigInteger unscaled) {
        int bits = unscaled.bitLength();
        if (bits <= 116) {
            long hi = (long) Math.floor(unscaled.doubleValue() * 0x1p-64);
            return ((hi & 1) == 1) == unscaled.testBit(64) ? hi : hi - 1;
        }
        long hi = unscaled.signum() < 0 ? -1L : 0L;
        for (int bit = bits; bit >= 64; bit--) {
            hi = hi << 1 | (unscaled.testBit(bit) ? 1L : 0L);
        }
        return hi;
    }

    private static int twosComplement(long hi, long lo, byte[] out) {
        LONGS.set(out, 0, hi);
        LONGS.set(out, 8, lo);
        int bits = hi == lo >> 63
                ? 64 - Long.numberOfLeadingZeros(lo ^ lo >> 63)
                : 128 - Long.numberOfLeadingZeros(hi ^ hi >> 63);
        return bits / 8 + 1;
    }

    /**
     * The decimal whose unscaled value is {@code bytes[0, length)}, big-endian two's complement, at {@code scale}:
     * what Avro's conversion reads, without a BigInteger up to 8 bytes. {@code length} is 1 to {@link #MAX_LENGTH}.
     */
    static BigDecimal decode(byte[] bytes, int length, int scale) {
        if (length > 8) {
            return new BigDecimal(new BigInteger(bytes, 0, length), scale);
        }
        long unscaled = bytes[0]; // sign-extended
        for (int i = 1; i < length; i++) {
            unscaled = unscaled << 8 | (bytes[i] & 0xff);
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
