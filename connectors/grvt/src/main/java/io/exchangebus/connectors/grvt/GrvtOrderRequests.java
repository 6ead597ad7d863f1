package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.auth.GrvtOrderSigner;
import io.exchangebus.connectors.grvt.auth.GrvtSignature;
import io.exchangebus.connectors.grvt.auth.OrderToSign;
import io.exchangebus.connectors.grvt.auth.SignedOrder;
import io.exchangebus.connectors.grvt.auth.SigningTerms;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * GRVT's order-entry parameters, full names (grvt.md §8, §9; {@code rest_trading.docs.jsonl}). Pure functions but
 * for the signer.
 *
 * <pre>
 *   order   {sub_account_id, is_market, time_in_force, post_only, reduce_only,
 *            legs:[{instrument, size, limit_price (absent for market), is_buying_asset}],
 *            signature:{signer, r, s, v, expiration (ns, text), nonce (uint32), chain_id (text)},
 *            metadata:{client_order_id}}
 * </pre>
 * Sizes and prices are sent as their plain decimal text, the very numbers that were signed (scaled exactly).
 */
final class GrvtOrderRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GrvtOrderRequests() {
    }

    /**
     * The signed {@code order} object of {@code order} under GRVT's client order id {@code clientOrderId}: signed
     * once, with {@code nonce} and an expiration {@code lifetime} after {@code now}. A retry sends this same object.
     */
    static Result<ObjectNode> signedOrder(PlaceOrder order, GrvtOrderTerms terms, SigningTerms signing,
                                          BigInteger subAccountId, BigInteger clientOrderId, GrvtOrderSigner signer,
                                          long nonce, Instant now, Duration lifetime) {
        long expiration = nanos(now.plus(lifetime));
        boolean buying = order.getSide() == Side.BUY;
        OrderToSign toSign = new OrderToSign(subAccountId, terms.market(), terms.timeInForce(), terms.postOnly(),
                order.getReduceOnly(), List.of(new OrderToSign.Leg(signing, order.getQuantity(),
                terms.market() ? null : order.getPrice(), buying)), nonce, expiration);
        return signer.sign(toSign).map(signed -> json(order, terms, subAccountId, clientOrderId, signed));
    }

    private static ObjectNode json(PlaceOrder order, GrvtOrderTerms terms, BigInteger subAccountId,
                                   BigInteger clientOrderId, SignedOrder signed) {
        ObjectNode o = JSON.objectNode().put("sub_account_id", subAccountId.toString())
                .put("is_market", terms.market()).put("time_in_force", terms.timeInForce().name())
                .put("post_only", terms.postOnly()).put("reduce_only", order.getReduceOnly());
        ObjectNode leg = o.putArray("legs").addObject().put("instrument", order.getSymbol())
                .put("size", order.getQuantity().stripTrailingZeros().toPlainString());
        if (!terms.market()) {
            leg.put("limit_price", order.getPrice().stripTrailingZeros().toPlainString());
        }
        leg.put("is_buying_asset", order.getSide() == Side.BUY);
        GrvtSignature sig = signed.signature();
        o.putObject("signature").put("signer", sig.signer()).put("r", sig.r()).put("s", sig.s()).put("v", sig.v())
                .put("expiration", Long.toString(signed.message().expiration()))
                .put("nonce", signed.message().nonce()).put("chain_id", Long.toString(signed.chainId()));
        o.putObject("metadata").put("client_order_id", clientOrderId.toString());
        return o;
    }

    /** {@code v1/create_order}: {@code {"order": …}}. */
    static ObjectNode create(ObjectNode signedOrder) {
        ObjectNode params = JSON.objectNode();
        params.set("order", signedOrder);
        return params;
    }

    /** {@code v1/cancel_order} by GRVT's order id. */
    static ObjectNode cancelByOrderId(BigInteger subAccountId, String orderId) {
        return JSON.objectNode().put("sub_account_id", subAccountId.toString()).put("order_id", orderId);
    }

    /**
     * {@code v1/cancel_order} by client order id, with its time to live: creations with that id arriving within it
     * are dropped, and if it finds nothing its expiry is published on {@code v1.cancel} (grvt.md §9).
     */
    static ObjectNode cancelByClientOrderId(BigInteger subAccountId, BigInteger clientOrderId, Duration ttl) {
        return JSON.objectNode().put("sub_account_id", subAccountId.toString())
                .put("client_order_id", clientOrderId.toString())
                .put("time_to_live_ms", Long.toString(ttl.toMillis()));
    }

    /** {@code v1/cancel_all_orders}: the sub-account, narrowed to one instrument's base and quote if given. */
    static ObjectNode cancelAll(BigInteger subAccountId, String kind, String base, String quote) {
        ObjectNode params = JSON.objectNode().put("sub_account_id", subAccountId.toString());
        if (kind != null) {
            params.putArray("kind").add(kind);
            params.putArray("base").add(base);
            params.putArray("quote").add(quote);
        }
        return params;
    }

    /** {@code v2/bulk_orders} cancel-replace: cancel {@code oldClientOrderId}, then create {@code signedOrder}. */
    static ObjectNode cancelReplace(BigInteger subAccountId, BigInteger oldClientOrderId, ObjectNode signedOrder) {
        ObjectNode params = JSON.objectNode().put("sub_account_id", subAccountId.toString());
        params.putArray("client_order_ids").add(oldClientOrderId.toString());
        params.putArray("orders").add(signedOrder);
        return params;
    }

    /** {@code v1/open_orders} of the sub-account (unpaged). */
    static ObjectNode openOrders(BigInteger subAccountId) {
        return JSON.objectNode().put("sub_account_id", subAccountId.toString());
    }

    /** {@code v1/order_history}, newest first, one page of {@code limit} from {@code cursor} ("" for the first). */
    static ObjectNode orderHistory(BigInteger subAccountId, int limit, String cursor) {
        return JSON.objectNode().put("sub_account_id", subAccountId.toString()).put("limit", limit)
                .put("cursor", cursor);
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
