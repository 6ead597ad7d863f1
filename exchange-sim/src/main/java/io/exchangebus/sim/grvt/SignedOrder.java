package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code v1/create_order} order as sent (full names, grvt.md §8): the fields it signs, its signature, and its
 * metadata. {@link #parse} checks only the shape; instrument rules and the signature are checked elsewhere.
 *
 * @param sent          the order object exactly as received, echoed back in acks and on {@code v1.order}
 * @param clientOrderId null when absent (2011 is decided by the caller)
 * @param builder       null or zero-like when no builder fee applies
 */
record SignedOrder(ObjectNode sent, BigInteger subAccountId, boolean isMarket, GrvtTimeInForce timeInForce,
                   boolean postOnly, boolean reduceOnly, List<Leg> legs, Signature signature,
                   BigInteger clientOrderId, String builder, BigDecimal builderFee) {

    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    record Leg(String instrument, BigDecimal size, BigDecimal limitPrice, boolean isBuyingAsset) {
    }

    /** r and s as sent (format checked by {@link OrderSignatures}); expiration in unix ns; chainId 0 when absent. */
    record Signature(String signer, String r, String s, int v, long expiration, long nonce, long chainId) {
    }

    /** The parse outcome: an order, or the error to answer (1003 for a malformed order). */
    sealed interface Parsed {
    }

    record Ok(SignedOrder order) implements Parsed {
    }

    record Bad(GrvtError error, String detail) implements Parsed {
    }

    static Parsed parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Bad(GrvtError.MALFORMED, "order must be an object");
        }
        try {
            BigInteger sub = unsigned(node.path("sub_account_id"), "sub_account_id");
            GrvtTimeInForce tif = GrvtTimeInForce.parse(node.path("time_in_force").asText())
                    .orElseThrow(() -> new IllegalArgumentException("time_in_force"));
            List<Leg> legs = new ArrayList<>();
            for (JsonNode leg : node.path("legs")) {
                String price = leg.path("limit_price").asText("");
                legs.add(new Leg(leg.path("instrument").asText(), new BigDecimal(leg.path("size").asText()),
                        price.isEmpty() ? BigDecimal.ZERO : new BigDecimal(price),
                        leg.path("is_buying_asset").asBoolean()));
            }
            if (legs.size() != 1) {
                throw new IllegalArgumentException("legs: exactly one leg is supported");
            }
            JsonNode sig = node.path("signature");
            Signature signature = new Signature(sig.path("signer").asText(""), sig.path("r").asText(""),
                    sig.path("s").asText(""), Integer.parseInt(sig.path("v").asText("0")),
                    Long.parseLong(sig.path("expiration").asText()), Long.parseLong(sig.path("nonce").asText()),
                    Long.parseLong(sig.path("chain_id").asText("0")));
            if (signature.nonce() < 0 || signature.nonce() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("nonce is a uint32");
            }
            JsonNode coid = node.path("metadata").path("client_order_id");
            BigInteger clientOrderId = coid.isMissingNode() || coid.isNull() || coid.asText().isEmpty() ? null
                    : unsigned(coid, "client_order_id");
            String builder = node.path("builder").asText(null);
            String fee = node.path("builder_fee").asText("");
            return new Ok(new SignedOrder((ObjectNode) node.deepCopy(), sub, node.path("is_market").asBoolean(),
                    tif, node.path("post_only").asBoolean(), node.path("reduce_only").asBoolean(), List.copyOf(legs),
                    signature, clientOrderId, builder, fee.isEmpty() ? BigDecimal.ZERO : new BigDecimal(fee)));
        } catch (RuntimeException e) {
            return new Bad(GrvtError.MALFORMED, e.getMessage());
        }
    }

    /** Whether a builder fee applies: GRVT signs {@code OrderWithBuilderFee} then (grvt.md §12). */
    boolean hasBuilder() {
        return builder != null && !builder.isEmpty() && !builder.equals("0")
                && !builder.matches("0x0{40}");
    }

    Leg leg() {
        return legs.get(0);
    }

    private static BigInteger unsigned(JsonNode node, String name) {
        BigInteger value = new BigInteger(node.asText());
        if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
            throw new IllegalArgumentException(name + " is a uint64");
        }
        return value;
    }
}
