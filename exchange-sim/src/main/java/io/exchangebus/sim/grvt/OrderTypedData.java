package io.exchangebus.sim.grvt;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 digest GRVT signs for an order (grvt.md §12), computed here from the order as received, so that the
 * simulator checks independently what a client signed. Domain {@code {name:"GRVT Exchange", version:"0", chainId}}
 * only; primary type {@code Order}, or {@code OrderWithBuilderFee} when a builder is set. Scaling is exact:
 * {@code contractSize = trunc(size × 10^base_decimals)}, {@code limitPrice = trunc(price × 10^9)} (0 for market
 * orders), {@code builderFee = trunc(fee × 10^4)}. Only Keccak-256 comes from web3j.
 *
 * <pre>
 * digest = keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(order))
 * hashStruct(order) = keccak256(typeHash ‖ enc(subAccountID) ‖ ... ‖ keccak256(‖ hashStruct(leg)) ‖ enc(nonce) ‖ enc(expiration))
 * </pre>
 */
final class OrderTypedData {

    private static final String LEG_TYPE =
            "OrderLeg(uint256 assetID,uint64 contractSize,uint64 limitPrice,bool isBuyingContract)";
    private static final String ORDER_TYPE = "Order(uint64 subAccountID,bool isMarket,uint8 timeInForce,"
            + "bool postOnly,bool reduceOnly,OrderLeg[] legs,uint32 nonce,int64 expiration)" + LEG_TYPE;
    private static final String BUILDER_ORDER_TYPE = "OrderWithBuilderFee(uint64 subAccountID,bool isMarket,"
            + "uint8 timeInForce,bool postOnly,bool reduceOnly,OrderLeg[] legs,address builder,uint32 builderFee,"
            + "uint32 nonce,int64 expiration)" + LEG_TYPE;
    private static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId)";
    static final BigDecimal PRICE_MULTIPLIER = BigDecimal.TEN.pow(9);

    private OrderTypedData() {
    }

    /** The 32-byte digest the order's signature must be over, on {@code chainId}. */
    static byte[] digest(SignedOrder order, GrvtInstrument instrument, long chainId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x19);
        out.write(0x01);
        out.writeBytes(domainSeparator(chainId));
        out.writeBytes(orderHash(order, instrument));
        return Hash.sha3(out.toByteArray());
    }

    static byte[] domainSeparator(long chainId) {
        return keccak(typeHash(DOMAIN_TYPE), keccak("GRVT Exchange"), keccak("0"),
                word(BigInteger.valueOf(chainId)));
    }

    private static byte[] orderHash(SignedOrder order, GrvtInstrument instrument) {
        ByteArrayOutputStream legs = new ByteArrayOutputStream();
        for (SignedOrder.Leg leg : order.legs()) {
            legs.writeBytes(legHash(leg, instrument, order.isMarket()));
        }
        byte[] legsHash = Hash.sha3(legs.toByteArray());
        SignedOrder.Signature sig = order.signature();
        byte[] head = concat(word(order.subAccountId()), bool(order.isMarket()),
                word(BigInteger.valueOf(order.timeInForce().code())), bool(order.postOnly()),
                bool(order.reduceOnly()), legsHash);
        byte[] tail = concat(word(BigInteger.valueOf(sig.nonce())), word(BigInteger.valueOf(sig.expiration())));
        if (order.hasBuilder()) {
            BigInteger fee = order.builderFee().movePointRight(4).setScale(0, RoundingMode.DOWN).toBigInteger();
            return keccak(typeHash(BUILDER_ORDER_TYPE), head, word(Numeric.toBigInt(order.builder())), word(fee),
                    tail);
        }
        return keccak(typeHash(ORDER_TYPE), head, tail);
    }

    private static byte[] legHash(SignedOrder.Leg leg, GrvtInstrument instrument, boolean isMarket) {
        BigInteger size = leg.size().movePointRight(instrument.baseDecimals()).setScale(0, RoundingMode.DOWN)
                .toBigInteger();
        BigInteger price = isMarket ? BigInteger.ZERO
                : leg.limitPrice().multiply(PRICE_MULTIPLIER).setScale(0, RoundingMode.DOWN).toBigInteger();
        return keccak(typeHash(LEG_TYPE), word(Numeric.toBigInt(instrument.instrumentHash())), word(size),
                word(price), bool(leg.isBuyingAsset()));
    }

    private static byte[] typeHash(String type) {
        return keccak(type);
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] keccak(byte[]... parts) {
        return Hash.sha3(concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bool(boolean b) {
        return word(b ? BigInteger.ONE : BigInteger.ZERO);
    }

    /** A non-negative integer as one 32-byte big-endian word (int64 expirations here are never negative). */
    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }
}
