package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.server.JsonRpcSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private channels, delivered only to sessions authenticated as the order's account. {@code user.orders.*.raw}: one
 * order object per change; other intervals: an array each publish interval. {@code user.trades.*}: arrays (raw at
 * once). {@code user.changes.*} (any interval): at once, {@code {instrument_name, orders, trades, positions}} per
 * engine event. {@code user.portfolio.{currency}}: each interval when it changed.
 */
final class UserStreams {

    private record Pending(String account, DeribitInstrument instrument, String family, JsonNode item) {
    }

    private final DeribitCore core;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, String> portfolioSent = new ConcurrentHashMap<>();

    UserStreams(DeribitCore core) {
        this.core = core;
    }

    /** Engine listener (commanding thread, under the engine's lock). */
    void onEvent(EngineEvent event) {
        OrderState order = orderOf(event);
        if (order == null) {
            return;
        }
        Optional<OrderTags> tags = core.orders().tags(order);
        if (tags.isEmpty()) {
            return;
        }
        OrderTags t = tags.get();
        ObjectNode orderJson = core.orderViews().order(order, t);
        deliver(t.account, t.instrument, "orders", orderJson);
        ArrayNode trades = Json.array();
        if (event instanceof EngineEvent.OrderFilled f) {
            trades.add(core.orderViews().userTrade(f.fill(), order, t, f.liquidity()));
            deliver(t.account, t.instrument, "trades", trades.get(0));
        }
        ObjectNode changes = Json.object().put("instrument_name", t.instrument.name());
        changes.putArray("orders").add(orderJson);
        changes.set("trades", trades);
        ArrayNode positions = changes.putArray("positions");
        positions.add(core.portfolio().position(t.account, t.instrument,
                core.sim().accounts().position(t.account, t.instrument.name())));
        for (JsonRpcSession s : sessionsOf(t.account)) {
            for (String channel : channels("changes", t.instrument)) {
                if (s.isSubscribed(channel) || s.subscriptions().stream().anyMatch(c -> isChanges(c, channel))) {
                    core.ws().pushTo(s, DeribitWsServer.subscription(channelOf(s, channel), changes));
                }
            }
        }
    }

    private static boolean isChanges(String subscribed, String rawChannel) {
        String stem = rawChannel.substring(0, rawChannel.length() - ".raw".length());
        return subscribed.startsWith(stem + ".") && !subscribed.equals(rawChannel);
    }

    /** The channel a session subscribed to among the interval variants of {@code rawChannel}. */
    private static String channelOf(JsonRpcSession s, String rawChannel) {
        if (s.isSubscribed(rawChannel)) {
            return rawChannel;
        }
        return s.subscriptions().stream().filter(c -> isChanges(c, rawChannel)).findFirst().orElse(rawChannel);
    }

    private static OrderState orderOf(EngineEvent e) {
        if (e instanceof EngineEvent.OrderAccepted a) {
            return a.order();
        } else if (e instanceof EngineEvent.OrderFilled f) {
            return f.order();
        } else if (e instanceof EngineEvent.OrderCanceled c) {
            return c.order();
        } else if (e instanceof EngineEvent.OrderAmended a) {
            return a.order();
        } else if (e instanceof EngineEvent.OrderTriggered t) {
            return t.order();
        }
        return null;
    }

    /** Raw channels at once (orders: the object; trades: a one-item array), the others at the next interval. */
    private void deliver(String account, DeribitInstrument i, String family, JsonNode item) {
        for (JsonRpcSession s : sessionsOf(account)) {
            for (String channel : channels(family, i)) {
                if (s.isSubscribed(channel)) {
                    JsonNode data = family.equals("orders") ? item : Json.array().add(item);
                    core.ws().pushTo(s, DeribitWsServer.subscription(channel, data));
                }
            }
        }
        synchronized (pending) {
            pending.add(new Pending(account, i, family, item));
        }
    }

    /** One publish interval: the batched order and trade channels, and portfolios. */
    void tick() {
        List<Pending> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        for (JsonRpcSession s : core.ws().sessions()) {
            Optional<String> account = Subscriptions.account(s, now());
            if (account.isEmpty() || !s.isOpen()) {
                continue;
            }
            for (String subscribed : s.subscriptions()) {
                publishBatch(s, account.get(), subscribed, batch);
                portfolio(s, account.get(), subscribed);
            }
        }
    }

    private void publishBatch(JsonRpcSession s, String account, String subscribed, List<Pending> batch) {
        Optional<Channel> c = Channel.parse(subscribed, core.instrumentNames());
        if (c.isEmpty() || c.get().isRaw() || (c.get().type() != Channel.Type.USER_ORDERS
                && c.get().type() != Channel.Type.USER_TRADES)) {
            return;
        }
        String family = c.get().type() == Channel.Type.USER_ORDERS ? "orders" : "trades";
        ArrayNode data = Json.array();
        batch.stream().filter(p -> p.account.equals(account) && p.family.equals(family)
                && c.get().covers(p.instrument)).forEach(p -> data.add(p.item));
        if (!data.isEmpty()) {
            core.ws().pushTo(s, DeribitWsServer.subscription(subscribed, data));
        }
    }

    private void portfolio(JsonRpcSession s, String account, String subscribed) {
        if (!subscribed.startsWith("user.portfolio.")) {
            return;
        }
        String requested = subscribed.substring("user.portfolio.".length()).toUpperCase();
        for (String currency : requested.equals("ANY") ? List.of("BTC", "ETH", "USDC") : List.of(requested)) {
            ObjectNode data = core.portfolio().portfolio(account, currency);
            String key = s.connectionId() + "|" + subscribed + "|" + currency;
            String text = data.toString();
            if (!text.equals(portfolioSent.put(key, text))) {
                core.ws().pushTo(s, DeribitWsServer.subscription(subscribed, data));
            }
        }
    }

    /** {@code user.{family}.{inst}.raw} and {@code user.{family}.{kind|any}.{currency|any}.raw}. */
    private static List<String> channels(String family, DeribitInstrument i) {
        List<String> out = new ArrayList<>();
        out.add("user." + family + "." + i.name() + ".raw");
        for (String kind : List.of(i.kind(), "any")) {
            for (String currency : List.of(i.currency(), "any")) {
                out.add("user." + family + "." + kind + "." + currency + ".raw");
            }
        }
        return out;
    }

    private List<JsonRpcSession> sessionsOf(String account) {
        Instant now = now();
        return core.ws().sessions().stream().filter(s -> s.isOpen()
                && Subscriptions.account(s, now).map(account::equals).orElse(false)).toList();
    }

    private Instant now() {
        return core.clock().instant();
    }
}
