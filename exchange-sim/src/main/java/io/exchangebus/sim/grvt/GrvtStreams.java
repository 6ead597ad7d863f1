package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.fault.SequenceAction;
import io.exchangebus.sim.server.JsonRpcSession;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What GRVT streams push. {@code v1.book.d}: a full book (sequence 0) taken under the engine's lock with the
 * subscription, then every engine diff as a delta; the gap fault ({@code FaultInjector.skipSequence}) uses up one
 * delta's number for every subscriber without sending it, the repeat fault sends it twice, and
 * {@link #restartGateway()} resets every book subscription to a new snapshot at sequence 0, as a restarted gateway
 * does. Each publish interval: {@code v1.book.s} and {@code v1.ticker.s} snapshots, {@code v1.ticker.d} changes.
 * Engine events of orders placed through the API: {@code v1.order}, {@code v1.state}, {@code v1.fill},
 * {@code v1.position}; cancel TTL expiries: {@code v1.cancel}.
 */
final class GrvtStreams {

    private final GrvtCore core;

    GrvtStreams(GrvtCore core) {
        this.core = core;
    }

    boolean startsWithSnapshot(String stream) {
        return stream.equals("v1.book.d") || stream.equals("v1.book.s") || stream.equals("v1.ticker.s")
                || stream.equals("v1.ticker.d");
    }

    /** A subscription was answered: register it and send its snapshot, if it has one. */
    void start(JsonRpcSession session, Subscription s) {
        Map<String, Subscription> subs = GrvtSubscriptions.of(session);
        if (s.stream().equals("v1.book.d")) {
            MatchingEngine engine = core.sim().engine(s.instrument());
            synchronized (engine) { // no diff between the snapshot and the registration
                subs.put(GrvtSubscriptions.key(s), s);
                core.push(session, s.snapshot(bookFeed(s.instrument(), engine.book(), Instant.now(core.clock()))));
            }
            return;
        }
        subs.put(GrvtSubscriptions.key(s), s);
        if (startsWithSnapshot(s.stream())) {
            core.push(session, snapshotFrame(s));
        }
    }

    /** Engine listener, on the commanding thread under the engine's lock. */
    void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.BookDiff diff) {
            ObjectNode feed = Json.object().put("event_time", Json.nanos(diff.time())).put("instrument", diff.symbol());
            feed.set("bids", GrvtViews.levels(diff.bids()));
            feed.set("asks", GrvtViews.levels(diff.asks()));
            SequenceAction action = core.faults().nextSequenceAction();
            publish("v1.book.d", diff.symbol(), null, s -> {
                String frame = s.next(feed);
                return action == SequenceAction.SKIP ? null : action == SequenceAction.REPEAT
                        ? frame + "\n" + frame : frame;
            });
        } else if (event instanceof EngineEvent.TradePrinted trade) {
            ObjectNode feed = GrvtViews.trade(trade.fill(), core.mark(trade.fill().symbol()));
            publish("v1.trade", trade.fill().symbol(), null, s -> s.next(feed));
        } else if (event instanceof EngineEvent.OrderAccepted e) {
            // IOC, FOK and market orders go straight to FILLED or CANCELLED: "takers may skip OPEN" (grvt.md §8).
            core.orderLog().update(e.order()).filter(GrvtStreams::rests).ifPresent(this::orderChanged);
        } else if (event instanceof EngineEvent.OrderCanceled e) {
            core.orderLog().update(e.order()).ifPresent(this::orderChanged);
        } else if (event instanceof EngineEvent.OrderRejected e) {
            core.orderLog().update(e.order()).ifPresent(r -> {
                r.rejectReason(GrvtOrders.rejectReason(e.reason()));
                orderChanged(r);
            });
        } else if (event instanceof EngineEvent.OrderFilled e) {
            core.orderLog().update(e.order()).ifPresent(r -> filled(r, e));
        }
    }

    private static boolean rests(OrderRecord r) {
        return !r.order().isMarket() && r.order().timeInForce() == GrvtTimeInForce.GOOD_TILL_TIME;
    }

    private void orderChanged(OrderRecord r) {
        ObjectNode order = GrvtViews.order(r);
        ObjectNode state = GrvtViews.stateFeed(r);
        publish("v1.order", r.instrument().name(), r.subAccountId(), s -> s.next(order));
        publish("v1.state", r.instrument().name(), r.subAccountId(), s -> s.next(state));
    }

    private void filled(OrderRecord r, EngineEvent.OrderFilled e) {
        Fill f = e.fill();
        boolean taker = e.order().orderId() == f.takerOrderId();
        var position = core.sim().accounts().position(GrvtAccounts.ledgerId(r.subAccountId()), f.symbol());
        ObjectNode fill = GrvtViews.fill(f, r, taker, core.mark(f.symbol()), position.realizedPnl());
        core.orderLog().addFill(GrvtAccounts.ledgerId(r.subAccountId()), fill);
        orderChanged(r);
        publish("v1.fill", f.symbol(), r.subAccountId(), s -> s.next(fill));
        ObjectNode pos = GrvtAccountViews.position(r.subAccountId(), position, core.mark(f.symbol()), f.time());
        publish("v1.position", f.symbol(), r.subAccountId(), s -> s.next(pos));
    }

    /** A cancel's TTL ran out without cancelling anything (see {@link CancelTtl}). */
    void cancelExpired(BigInteger sub, BigInteger clientOrderId) {
        ObjectNode feed = Json.object().put("sub_account_id", sub.toString())
                .put("client_order_id", clientOrderId.toString()).put("order_id", "0x00")
                .put("reason", "UNSPECIFIED").put("update_time", Json.nanos(core.clock().instant()))
                .put("cancel_status", "EXPIRED");
        publish("v1.cancel", null, sub, s -> s.next(feed));
    }

    /** One publish interval: book and ticker snapshots, ticker changes. */
    void tick() {
        for (String stream : List.of("v1.book.s", "v1.ticker.s", "v1.ticker.d")) {
            for (JsonRpcSession session : core.sessions()) {
                for (Subscription s : GrvtSubscriptions.of(session).values()) {
                    if (s.stream().equals(stream)) {
                        String frame = snapshotFrame(s);
                        if (frame != null) {
                            core.push(session, frame);
                        }
                    }
                }
            }
        }
    }

    /** The gateway restarted: its sequence numbers start again, each book subscription from a new snapshot. */
    void restartGateway() {
        for (GrvtInstrument i : core.instruments()) {
            MatchingEngine engine = core.sim().engine(i.name());
            synchronized (engine) {
                ObjectNode feed = bookFeed(i.name(), engine.book(), core.clock().instant());
                publish("v1.book.d", i.name(), null, s -> s.snapshot(feed));
            }
        }
    }

    private String snapshotFrame(Subscription s) {
        return switch (s.stream()) {
            case "v1.book.s" -> s.snapshot(bookFeed(s.instrument(), core.sim().book(s.instrument()).top(s.depth()),
                    core.clock().instant()));
            case "v1.ticker.s" -> s.snapshot(core.ticker(s.instrument()));
            case "v1.ticker.d" -> tickerDelta(s);
            default -> null;
        };
    }

    /** The first {@code v1.ticker.d} message is the full ticker; then only changed fields (and the instrument). */
    private String tickerDelta(Subscription s) {
        ObjectNode now = core.ticker(s.instrument());
        ObjectNode last = s.lastTicker()[0];
        s.lastTicker()[0] = now;
        if (last == null) {
            return s.snapshot(now);
        }
        ObjectNode delta = Json.object().put("event_time", now.get("event_time").asText())
                .put("instrument", s.instrument());
        now.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(last.get(e.getKey())) && !e.getKey().equals("event_time")) {
                delta.set(e.getKey(), e.getValue());
            }
        });
        return delta.size() > 2 ? s.next(delta) : null;
    }

    private static ObjectNode bookFeed(String instrument, BookSnapshot book, Instant at) {
        ObjectNode feed = Json.object().put("event_time", Json.nanos(at)).put("instrument", instrument);
        feed.set("bids", GrvtViews.levels(book.bids()));
        feed.set("asks", GrvtViews.levels(book.asks()));
        return feed;
    }

    /**
     * For every subscription of {@code stream} covering the event, the frame {@code render} makes (null: nothing
     * sent; frames joined by a newline are sent one after the other).
     */
    /**
     * Sends a frame, rendered for each subscription that wants it, to every session subscribed to {@code stream}
     * for {@code instrument} (null: any) and {@code sub} (null: a public stream). A session's subscriptions are
     * looked up by their keys ({@link GrvtSubscriptions#key}); only a private event of no one instrument scans them.
     */
    private void publish(String stream, String instrument, BigInteger sub, Function<Subscription, String> render) {
        List<String> keys = instrument == null ? null : sub == null ? List.of(stream + "|" + instrument)
                : List.of(stream + "|" + sub, stream + "|" + sub + "-" + instrument);
        for (JsonRpcSession session : core.sessions()) {
            Map<String, Subscription> subs = GrvtSubscriptions.of(session);
            if (keys == null) {
                for (Subscription s : subs.values()) {
                    if (s.stream().equals(stream) && sub.equals(s.subAccount())) {
                        send(session, render.apply(s));
                    }
                }
            } else {
                for (String key : keys) {
                    Subscription s = subs.get(key);
                    if (s != null) {
                        send(session, render.apply(s));
                    }
                }
            }
        }
    }

    private void send(JsonRpcSession session, String frames) {
        if (frames != null) {
            for (String frame : frames.split("\n")) {
                core.push(session, frame);
            }
        }
    }
}
