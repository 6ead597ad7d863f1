package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcReply;
import io.exchangebus.sim.server.JsonRpcSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code subscribe}/{@code unsubscribe} (grvt.md §6, §7) with GRVT's selectors: {@code v1.book.d}, ticker and
 * mini: {@code instrument@rate}; {@code v1.book.s}: {@code instrument@rate-depth} (depth 10/50/100/500);
 * {@code v1.trade}: {@code instrument@limit}; private streams: {@code subAccountId} or
 * {@code subAccountId-instrument}. Public streams are served on the market-data host, private ones on the trades
 * host (1000 without a session there). Subscribing again with the same primary selector replaces the subscription.
 * The result is {@code {stream, subs, unsubs, num_snapshots, first_sequence_number, latest_sequence_number}}; the
 * rates are accepted but every change is sent at once, and snapshots go out each publish interval.
 */
final class GrvtSubscriptions {

    static final Set<String> PUBLIC = Set.of("v1.book.d", "v1.book.s", "v1.trade", "v1.ticker.s", "v1.ticker.d");
    static final Set<String> PRIVATE = Set.of("v1.order", "v1.state", "v1.fill", "v1.position", "v1.cancel");
    private static final Set<Integer> DEPTHS = Set.of(10, 50, 100, 500);
    private static final String ATTRIBUTE = "grvt.subscriptions";

    private final GrvtCore core;

    GrvtSubscriptions(GrvtCore core) {
        this.core = core;
    }

    /** The session's subscriptions by stream and primary selector. */
    @SuppressWarnings("unchecked")
    static Map<String, Subscription> of(JsonRpcSession session) {
        synchronized (session) {
            Map<String, Subscription> subs = session.attribute(ATTRIBUTE, Map.class).orElse(null);
            if (subs == null) {
                subs = new ConcurrentHashMap<>();
                session.attribute(ATTRIBUTE, subs);
            }
            return subs;
        }
    }

    JsonRpcReply subscribe(GrvtCall call, boolean tradesHost) {
        String stream = call.params().path("stream").asText();
        boolean isPrivate = PRIVATE.contains(stream);
        if (!isPrivate && !PUBLIC.contains(stream) || isPrivate != tradesHost) {
            return GrvtError.MALFORMED.reply();
        }
        List<Subscription> parsed = new ArrayList<>();
        for (JsonNode s : call.params().path("selectors")) {
            Object sub = isPrivate ? privateSelector(stream, s.asText(), call.account())
                    : publicSelector(stream, s.asText());
            if (sub instanceof GrvtError e) {
                return e.reply();
            }
            parsed.add((Subscription) sub);
        }
        ObjectNode result = Json.object().put("stream", stream);
        ArrayNode subs = result.putArray("subs");
        result.putArray("unsubs");
        ArrayNode snapshots = result.putArray("num_snapshots");
        ArrayNode first = result.putArray("first_sequence_number");
        ArrayNode latest = result.putArray("latest_sequence_number");
        boolean snapshot = core.marketStreams().startsWithSnapshot(stream);
        for (Subscription s : parsed) {
            subs.add(s.selector());
            snapshots.add(snapshot ? 1 : 0);
            first.add(snapshot ? 0 : 1);
            latest.add(0);
        }
        if (!snapshot) {
            // Registered before the answer goes out: whatever happens once the client has its answer is sent to it.
            parsed.forEach(s -> core.marketStreams().start(call.session(), s));
            return JsonRpcReply.ok(result);
        }
        // The snapshot follows the answer, and the stream follows the snapshot (registered with it).
        return JsonRpcReply.ok(result).thenRun(() -> parsed.forEach(s -> core.marketStreams().start(call.session(), s)));
    }

    JsonRpcReply unsubscribe(GrvtCall call) {
        String stream = call.params().path("stream").asText();
        ObjectNode result = Json.object().put("stream", stream);
        result.putArray("subs");
        ArrayNode unsubs = result.putArray("unsubs");
        Map<String, Subscription> subs = of(call.session());
        for (JsonNode s : call.params().path("selectors")) {
            if (subs.remove(stream + "|" + primary(s.asText())) != null) {
                unsubs.add(s.asText());
            }
        }
        return JsonRpcReply.ok(result);
    }

    private Object publicSelector(String stream, String selector) {
        String[] parts = selector.split("@", 2);
        if (core.instrument(parts[0]).isEmpty()) {
            return GrvtError.INVALID_INSTRUMENT;
        }
        int depth = 0;
        if (stream.equals("v1.book.s")) {
            String[] rateDepth = parts.length < 2 ? new String[0] : parts[1].split("-");
            try {
                depth = rateDepth.length == 2 ? Integer.parseInt(rateDepth[1]) : 0;
            } catch (NumberFormatException e) {
                depth = 0;
            }
            if (!DEPTHS.contains(depth)) {
                return GrvtError.MALFORMED;
            }
        }
        return new Subscription(stream, selector, parts[0], null, depth);
    }

    private Object privateSelector(String stream, String selector, String account) {
        String[] parts = selector.split("-", 2);
        BigInteger sub;
        try {
            sub = new BigInteger(parts[0]);
        } catch (NumberFormatException e) {
            return GrvtError.MALFORMED;
        }
        if (!core.accounts().owns(account, sub)) {
            return GrvtError.FORBIDDEN;
        }
        if (parts.length == 2 && core.instrument(parts[1]).isEmpty()) {
            return GrvtError.INVALID_INSTRUMENT;
        }
        return new Subscription(stream, selector, parts.length == 2 ? parts[1] : null, sub, 0);
    }

    static String key(Subscription s) {
        return s.stream() + "|" + primary(s.selector());
    }

    private static String primary(String selector) {
        int at = selector.indexOf('@');
        return at < 0 ? selector : selector.substring(0, at);
    }
}
