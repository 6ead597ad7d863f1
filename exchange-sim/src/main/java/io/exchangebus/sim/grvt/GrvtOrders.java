package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.engine.TimeInForce;
import io.exchangebus.sim.server.JsonRpcReply;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code v1/create_order} (grvt.md §8): an order is checked in GRVT's order (shape 1003, sub-account 1001,
 * instrument 3000, market price 2020, time in force 2030/2032, signature 2000..2008, client order id 2011/2012, size
 * and price 2062/2064/2065/2066), then placed on the shared engine and acknowledged with {@code order_id "0x00"};
 * the real id follows on {@code v1.order}. The same signed payload twice (same nonce, same digest) is a duplicate
 * and ignored, as is a creation whose client order id a cancel's TTL still blocks ({@link CancelTtl}): both are
 * acknowledged, and no order is made.
 */
final class GrvtOrders {

    /** A checked order, ready for the engine. */
    record Prepared(SignedOrder order, GrvtInstrument instrument, String digest) {
    }

    private final GrvtCore core;
    private final Set<String> seenDigests = ConcurrentHashMap.newKeySet();

    GrvtOrders(GrvtCore core) {
        this.core = core;
    }

    JsonRpcReply create(GrvtCall call) {
        Object checked = check(call.account(), call.params().get("order"), call.receivedAt());
        if (checked instanceof GrvtError e) {
            return e.reply();
        }
        Prepared p = (Prepared) checked;
        Optional<GrvtError> placed = place(p, call.receivedAt());
        return placed.isPresent() ? placed.get().reply()
                : JsonRpcReply.ok(Json.object().set("result", GrvtViews.ack(p.order(), call.receivedAt())));
    }

    /** A {@link Prepared} order or the {@link GrvtError} GRVT answers. */
    Object check(String account, JsonNode node, Instant now) {
        SignedOrder.Parsed parsed = SignedOrder.parse(node);
        if (parsed instanceof SignedOrder.Bad bad) {
            return bad.error();
        }
        SignedOrder order = ((SignedOrder.Ok) parsed).order();
        if (!core.accounts().owns(account, order.subAccountId())) {
            return GrvtError.FORBIDDEN;
        }
        Optional<GrvtInstrument> instrument = core.instrument(order.leg().instrument());
        if (instrument.isEmpty()) {
            return GrvtError.INVALID_INSTRUMENT;
        }
        if (order.isMarket() && order.leg().limitPrice().signum() != 0) {
            return GrvtError.MARKET_WITH_LIMIT_PRICE;
        }
        if (!order.timeInForce().acceptedByOrderBook()) {
            return GrvtError.TIME_IN_FORCE_NOT_SUPPORTED;
        }
        if (order.postOnly() && !order.timeInForce().postOnlyAllowed()) {
            return GrvtError.POST_ONLY_TIME_IN_FORCE;
        }
        Optional<GrvtError> signature = core.signatures().check(order, instrument.get(), now,
                core.accounts().signers(order.subAccountId()));
        if (signature.isPresent()) {
            return signature.get();
        }
        if (order.clientOrderId() == null) {
            return GrvtError.CLIENT_ORDER_ID_MISSING;
        }
        String digest = HexFormat.of().formatHex(OrderTypedData.digest(order, instrument.get(),
                core.signatures().chainId()));
        if (!seenDigests.contains(digest) && core.orderLog()
                .openByClientOrderId(order.subAccountId(), order.clientOrderId()).isPresent()) {
            return GrvtError.CLIENT_ORDER_ID_OVERLAP;
        }
        return checkSize(order, instrument.get()).map(e -> (Object) e)
                .orElse(new Prepared(order, instrument.get(), digest));
    }

    private static Optional<GrvtError> checkSize(SignedOrder order, GrvtInstrument i) {
        BigDecimal size = order.leg().size();
        BigDecimal price = order.leg().limitPrice();
        if (size.compareTo(i.minSize()) < 0) {
            return Optional.of(GrvtError.BELOW_MIN_SIZE);
        }
        if (size.remainder(i.minSize()).signum() != 0) {
            return Optional.of(GrvtError.SIZE_TOO_GRANULAR);
        }
        if (!order.isMarket() && (price.signum() <= 0 || price.remainder(i.tickSize()).signum() != 0)) {
            return Optional.of(GrvtError.PRICE_NOT_ON_TICK);
        }
        if (!order.isMarket() && size.multiply(price).compareTo(i.minNotional()) < 0) {
            return Optional.of(GrvtError.BELOW_MIN_NOTIONAL);
        }
        return Optional.empty();
    }

    /** Places a checked order; duplicates and TTL-blocked creations are dropped silently. */
    Optional<GrvtError> place(Prepared p, Instant now) {
        SignedOrder order = p.order();
        if (!seenDigests.add(p.digest())
                || core.cancelTtl().blocks(order.subAccountId(), order.clientOrderId(), now)) {
            return Optional.empty();
        }
        OrderRecord record = new OrderRecord(order, p.instrument(), now);
        String clientOrderId = order.clientOrderId().toString();
        core.orderLog().expect(record, clientOrderId);
        CommandResult result = core.sim().place(p.instrument().name(), request(order, clientOrderId));
        if (result.rejectReason() == RejectReason.INSUFFICIENT_BALANCE) {
            core.orderLog().forget(record, clientOrderId);
            return Optional.of(GrvtError.INSUFFICIENT_MARGIN);
        }
        return Optional.empty();
    }

    private static OrderRequest request(SignedOrder order, String clientOrderId) {
        SignedOrder.Leg leg = order.leg();
        Side side = leg.isBuyingAsset() ? Side.BUY : Side.SELL;
        TimeInForce tif = switch (order.timeInForce()) {
            case IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case FILL_OR_KILL -> TimeInForce.FOK;
            default -> order.postOnly() ? TimeInForce.POST_ONLY : TimeInForce.GTC;
        };
        if (order.isMarket()) {
            return new OrderRequest(GrvtAccounts.ledgerId(order.subAccountId()), clientOrderId, side,
                    OrderType.MARKET, tif == TimeInForce.FOK ? TimeInForce.FOK : TimeInForce.IOC, null,
                    leg.size(), null);
        }
        return new OrderRequest(GrvtAccounts.ledgerId(order.subAccountId()), clientOrderId, side, OrderType.LIMIT,
                tif, leg.limitPrice(), leg.size(), null);
    }

    /** GRVT's {@code reject_reason} for an engine refusal that reaches {@code v1.order}. */
    static String rejectReason(RejectReason reason) {
        return Map.of(RejectReason.POST_ONLY_WOULD_CROSS, "FAIL_POST_ONLY").getOrDefault(reason, "UNSPECIFIED");
    }

    static ObjectNode ackTrue() {
        return (ObjectNode) Json.object().set("result", Json.object().put("ack", "true"));
    }
}
