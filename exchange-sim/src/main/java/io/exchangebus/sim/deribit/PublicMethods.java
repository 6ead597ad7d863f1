package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.server.JsonRpcReply;
import java.util.List;
import java.util.Optional;

/** {@code public/test}, {@code get_time}, {@code get_instruments}, {@code get_order_book}, {@code auth}. */
final class PublicMethods {

    private static final int DEFAULT_DEPTH = 20;

    private final DeribitCore core;

    PublicMethods(DeribitCore core) {
        this.core = core;
    }

    void register(DeribitApi api) {
        api.publicMethod("public/test", c -> JsonRpcReply.ok(Json.object().put("version", "1.2.26")));
        api.publicMethod("public/get_time", c -> JsonRpcReply.ok(
                Json.MAPPER.getNodeFactory().numberNode(core.clock().millis())));
        api.publicMethod("public/auth", c -> core.auth().auth(c));
        api.publicMethod("public/get_instruments", this::instruments);
        api.publicMethod("public/get_instrument", c -> core.market().instrument(c.required("instrument_name"))
                .<JsonRpcReply>map(i -> JsonRpcReply.ok(core.views().instrument(i)))
                .orElseGet(DeribitError.INVALID_OR_UNSUPPORTED_INSTRUMENT::reply));
        api.publicMethod("public/get_order_book", this::orderBook);
        api.publicMethod("public/get_last_trades_by_instrument", this::lastTrades);
    }

    /**
     * {@code public/get_last_trades_by_instrument}: trades with {@code start_seq..end_seq} (default all kept),
     * {@code count} (default 10, max 1000) of them, {@code sorting} asc (default) or desc; {@code has_more}.
     */
    private JsonRpcReply lastTrades(DeribitCall call) {
        Optional<DeribitInstrument> i = core.market().instrument(call.required("instrument_name"));
        if (i.isEmpty()) {
            return DeribitError.INVALID_OR_UNSUPPORTED_INSTRUMENT.reply();
        }
        int count = call.integer("count") == null ? 10 : call.integer("count");
        if (count < 1 || count > 1000) {
            throw new DeribitCall.BadParam("count", "must be between 1 and 1000");
        }
        long start = call.decimal("start_seq") == null ? 0 : call.decimal("start_seq").longValue();
        long end = call.decimal("end_seq") == null ? Long.MAX_VALUE : call.decimal("end_seq").longValue();
        List<ObjectNode> matching = core.marketStreams().trades(i.get().name(), start, end);
        boolean desc = "desc".equals(call.text("sorting"));
        List<ObjectNode> chosen = call.has("start_seq") && !desc
                ? matching.subList(0, Math.min(count, matching.size()))
                : matching.subList(Math.max(0, matching.size() - count), matching.size());
        ObjectNode out = Json.object();
        ArrayNode trades = out.putArray("trades");
        chosen.forEach(trades::add);
        if (desc) {
            List<JsonNode> reversed = new java.util.ArrayList<>();
            trades.forEach(t -> reversed.add(0, t));
            trades.removeAll();
            trades.addAll(reversed);
        }
        out.put("has_more", matching.size() > count);
        return JsonRpcReply.ok(out);
    }

    private JsonRpcReply instruments(DeribitCall call) {
        String currency = call.required("currency");
        String kind = call.text("kind");
        boolean expired = call.bool("expired", false);
        if (!List.of("BTC", "ETH", "USDC", "ANY").contains(currency.toUpperCase())) {
            throw new DeribitCall.BadParam("currency", "unknown currency " + currency);
        }
        ArrayNode out = Json.array();
        if (!expired) {
            for (DeribitInstrument i : core.market().instruments()) {
                boolean currencyMatches = currency.equalsIgnoreCase("any") || currency.equalsIgnoreCase(i.currency());
                if (currencyMatches && (kind == null || kind.equals(i.kind()))) {
                    out.add(core.views().instrument(i));
                }
            }
        }
        return JsonRpcReply.ok(out);
    }

    private JsonRpcReply orderBook(DeribitCall call) {
        Optional<DeribitInstrument> i = core.market().instrument(call.required("instrument_name"));
        if (i.isEmpty()) {
            return DeribitError.INVALID_OR_UNSUPPORTED_INSTRUMENT.reply();
        }
        Integer depth = call.integer("depth");
        ObjectNode book = core.views().orderBook(i.get(), core.engine(i.get().name()).book(),
                depth == null ? DEFAULT_DEPTH : Math.max(1, depth));
        return JsonRpcReply.ok(book);
    }
}
