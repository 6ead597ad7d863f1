package io.exchangebus.connectors.grvt.auth;

import static io.exchangebus.connectors.grvt.auth.Eip712.address;
import static io.exchangebus.connectors.grvt.auth.Eip712.bool;
import static io.exchangebus.connectors.grvt.auth.Eip712.concat;
import static io.exchangebus.connectors.grvt.auth.Eip712.int64;
import static io.exchangebus.connectors.grvt.auth.Eip712.keccak;
import static io.exchangebus.connectors.grvt.auth.Eip712.typeHash;
import static io.exchangebus.connectors.grvt.auth.Eip712.uint;

/**
 * GRVT's EIP-712 types and their struct hashes, as the official SDK defines them ({@code grvt_raw_signing.py},
 * grvt.md §12):
 * <pre>
 *   Order(uint64 subAccountID,bool isMarket,uint8 timeInForce,bool postOnly,bool reduceOnly,OrderLeg[] legs,
 *         uint32 nonce,int64 expiration)
 *   OrderWithBuilderFee(… OrderLeg[] legs,address builder,uint32 builderFee,uint32 nonce,int64 expiration)
 *   OrderLeg(uint256 assetID,uint64 contractSize,uint64 limitPrice,bool isBuyingContract)
 *   Transfer(address fromAccount,uint64 fromSubAccount,address toAccount,uint64 toSubAccount,uint8 tokenCurrency,
 *            uint64 numTokens,uint32 nonce,int64 expiration)
 * </pre>
 * An array of structs encodes as the keccak of its members' struct hashes, one after the other. Stateless.
 */
public final class GrvtTypedData {

    static final String ORDER_LEG_TYPE =
            "OrderLeg(uint256 assetID,uint64 contractSize,uint64 limitPrice,bool isBuyingContract)";
    static final String ORDER_TYPE = "Order(uint64 subAccountID,bool isMarket,uint8 timeInForce,bool postOnly,"
            + "bool reduceOnly,OrderLeg[] legs,uint32 nonce,int64 expiration)" + ORDER_LEG_TYPE;
    static final String ORDER_WITH_BUILDER_FEE_TYPE = "OrderWithBuilderFee(uint64 subAccountID,bool isMarket,"
            + "uint8 timeInForce,bool postOnly,bool reduceOnly,OrderLeg[] legs,address builder,uint32 builderFee,"
            + "uint32 nonce,int64 expiration)" + ORDER_LEG_TYPE;
    static final String TRANSFER_TYPE = "Transfer(address fromAccount,uint64 fromSubAccount,address toAccount,"
            + "uint64 toSubAccount,uint8 tokenCurrency,uint64 numTokens,uint32 nonce,int64 expiration)";

    private static final byte[] ORDER_LEG_HASH = typeHash(ORDER_LEG_TYPE);
    private static final byte[] ORDER_HASH = typeHash(ORDER_TYPE);
    private static final byte[] ORDER_WITH_BUILDER_FEE_HASH = typeHash(ORDER_WITH_BUILDER_FEE_TYPE);
    private static final byte[] TRANSFER_HASH = typeHash(TRANSFER_TYPE);

    private GrvtTypedData() {
    }

    /** The domain separator for {@code chainId} (the SDK's signable message "header"). */
    public static byte[] domainSeparator(long chainId) {
        return Eip712.domainSeparator(chainId);
    }

    /** The struct hash of an order (the SDK's signable message "body"). */
    public static byte[] structHash(OrderMessage order) {
        byte[][] legHashes = new byte[order.legs().size()][];
        for (int i = 0; i < legHashes.length; i++) {
            OrderMessage.Leg leg = order.legs().get(i);
            legHashes[i] = keccak(concat(ORDER_LEG_HASH, uint(leg.assetId()), uint(leg.contractSize()),
                    uint(leg.limitPrice()), bool(leg.buying())));
        }
        byte[] legs = keccak(concat(legHashes));
        byte[] head = concat(uint(order.subAccountId()), bool(order.market()), uint(order.timeInForce()),
                bool(order.postOnly()), bool(order.reduceOnly()), legs);
        byte[] tail = concat(uint(order.nonce()), int64(order.expiration()));
        if (order.builder() == null) {
            return keccak(concat(ORDER_HASH, head, tail));
        }
        return keccak(concat(ORDER_WITH_BUILDER_FEE_HASH, head, address(order.builder()),
                uint(order.builderFee()), tail));
    }

    /** The struct hash of a transfer. */
    public static byte[] structHash(TransferMessage t) {
        return keccak(concat(TRANSFER_HASH, address(t.fromAccount()), uint(t.fromSubAccount()),
                address(t.toAccount()), uint(t.toSubAccount()), uint(t.tokenCurrency()), uint(t.numTokens()),
                uint(t.nonce()), int64(t.expiration())));
    }

    /** The 32-byte digest that is signed: {@code keccak256(0x1901 ‖ domainSeparator(chainId) ‖ structHash)}. */
    public static byte[] digest(long chainId, byte[] structHash) {
        return Eip712.digest(Eip712.domainSeparator(chainId), structHash);
    }
}
