package io.exchangebus.sim.deribit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.fault.SequenceAction;
import io.exchangebus.sim.server.JsonRpcSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public channels. {@code book.{i}.raw}: every engine book diff as a {@code change} whose {@code prev_change_id} is
 * the previous diff's {@code change_id}; {@code book.{i}.100ms|agg2}: per session, the change since what that session
 * last saw, each publish interval; both start with a snapshot taken atomically with the subscription (under the
 * engine's lock), so the first change continues it. Grouped books, trades (raw at once, the others each interval) and
 * tickers each interval. The gap fault ({@code FaultInjector.skipSequence}) drops one book change for all its
 * subscribers.
 */
final class MarketStreams {

    private static final List<String> AGGREGATED = List.of("100ms", "agg2");
    private static final List<String> INTERVALS = List.of("raw", "100ms", "agg2");
    static final int TAPE = 10_000;

    private final DeribitCore core;
    private final Map<String, BookDiffs> rawShadows = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> pendingTrades = new ConcurrentHashMap<>();
    private final Map<String, Long> groupedSent = new ConcurrentHashMap<>();
    /** The last {@value #TAPE} public trades per instrument, oldest first. */
    private final Map<String, Deque<ObjectNode>> tapes = new ConcurrentHashMap<>();

    MarketStreams(DeribitCore core) {
        this.core = core;
        core.market().instruments().forEach(i -> rawShadows.put(i.name(), new BookDiffs()));
    }

    /** Engine listener (commanding thread, under the engine's lock). */
    void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.BookDiff diff) {
            ArrayNode[] levels = rawShadows.get(diff.symbol()).apply(diff);
            String channel = "book." + diff.symbol() + ".raw";
            if (!ws().subscribers(channel).isEmpty()) {
                ObjectNode data = core.views().bookChange(diff.symbol(), diff.lastUpdateId(),
                        diff.previousUpdateId(), levels[0], levels[1]);
                ws().publishSequencedTo(channel, DeribitWsServer.subscription(channel, data));
            }
        } else if (event instanceof EngineEvent.TradePrinted trade) {
            core.market().onTrade(trade.fill());
            ObjectNode json = core.views().trade(trade.fill());
            DeribitInstrument i = core.market().instrument(trade.fill().symbol()).orElseThrow();
            for (String channel : tradeChannels(i, "raw")) {
                ws().publishTo(channel, DeribitWsServer.subscription(channel, Json.array().add(json)));
            }
            Deque<ObjectNode> tape = tapes.computeIfAbsent(i.name(), k -> new ArrayDeque<>());
            synchronized (tape) {
                tape.addLast(json);
                if (tape.size() > TAPE) {
                    tape.removeFirst();
                }
            }
            pendingTrades.computeIfAbsent(i.name(), k -> new ArrayList<>());
            synchronized (pendingTrades.get(i.name())) {
                pendingTrades.get(i.name()).add(json);
            }
        }
    }

    /** The instrument's kept trades with {@code start_seq <= trade_seq <= end_seq}, oldest first. */
    List<ObjectNode> trades(String instrument, long startSeq, long endSeq) {
        Deque<ObjectNode> tape = tapes.getOrDefault(instrument, new ArrayDeque<>());
        synchronized (tape) {
            return tape.stream().filter(t -> t.get("trade_seq").asLong() >= startSeq
                    && t.get("trade_seq").asLong() <= endSeq).toList();
        }
    }

    /** Book channels begin with a snapshot sent right after the subscription's answer. */
    static boolean startsWithSnapshot(Channel channel) {
        return channel.type() == Channel.Type.BOOK || channel.type() == Channel.Type.BOOK_GROUPED;
    }

    /** A book subscription was answered: send its snapshot and start delivering it. */
    void start(JsonRpcSession session, Channel channel) {
        if (channel.type() == Channel.Type.BOOK) {
            startBook(session, channel);
        } else {
            BookSnapshot top = core.engine(channel.instrument()).book().top(channel.depth());
            session.subscribe(channel.name());
            ws().pushTo(session, DeribitWsServer.subscription(channel.name(),
                    core.views().groupedBook(channel.instrument(), top)));
        }
    }

    private void startBook(JsonRpcSession session, Channel channel) {
        MatchingEngine engine = core.engine(channel.instrument());
        // Under the engine's lock no diff can slip between the snapshot and the subscription.
        synchronized (engine) {
            BookSnapshot book = engine.book();
            if (!channel.isRaw()) {
                session.attribute(channel.name(), new BookDiffs.SessionBook(book));
            }
            session.subscribe(channel.name());
            ws().pushTo(session, DeribitWsServer.subscription(channel.name(),
                    core.views().bookSnapshot(channel.instrument(), book)));
        }
    }

    /** One publish interval: aggregated books, grouped books, trades and tickers. */
    void tick() {
        for (DeribitInstrument i : core.market().instruments()) {
            BookSnapshot book = core.engine(i.name()).book();
            for (String interval : AGGREGATED) {
                aggregatedBook(i.name(), "book." + i.name() + "." + interval, book);
                for (int depth : new int[] {1, 10, 20}) {
                    grouped(i.name(), "book." + i.name() + ".none." + depth + "." + interval, book.top(depth));
                }
            }
            trades(i);
            for (String interval : INTERVALS) {
                String channel = "ticker." + i.name() + "." + interval;
                if (!ws().subscribers(channel).isEmpty()) {
                    ws().publishTo(channel, DeribitWsServer.subscription(channel, core.views().ticker(i, book)));
                }
            }
        }
    }

    private void aggregatedBook(String instrument, String channel, BookSnapshot book) {
        SequenceAction action = null;
        for (JsonRpcSession session : ws().subscribers(channel)) {
            BookDiffs.SessionBook seen = session.attribute(channel, BookDiffs.SessionBook.class).orElse(null);
            BookDiffs.Change change = seen == null ? null : seen.advance(book);
            if (change == null) {
                continue;
            }
            action = action == null ? core.faults().nextSequenceAction() : action;
            if (action == SequenceAction.SKIP) {
                continue;
            }
            String frame = DeribitWsServer.subscription(channel, core.views().bookChange(instrument,
                    change.changeId(), change.prevChangeId(), change.levels()[0], change.levels()[1]));
            for (int n = action == SequenceAction.REPEAT ? 2 : 1; n > 0; n--) {
                ws().pushTo(session, frame);
            }
        }
    }

    private void grouped(String instrument, String channel, BookSnapshot top) {
        Long sent = groupedSent.get(channel);
        if (ws().subscribers(channel).isEmpty() || (sent != null && sent == top.lastUpdateId())) {
            return;
        }
        groupedSent.put(channel, top.lastUpdateId());
        ws().publishTo(channel, DeribitWsServer.subscription(channel, core.views().groupedBook(instrument, top)));
    }

    private void trades(DeribitInstrument i) {
        List<ObjectNode> pending = pendingTrades.get(i.name());
        if (pending == null) {
            return;
        }
        ArrayNode batch = Json.array();
        synchronized (pending) {
            pending.forEach(batch::add);
            pending.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        for (String interval : AGGREGATED) {
            for (String channel : tradeChannels(i, interval)) {
                ws().publishTo(channel, DeribitWsServer.subscription(channel, batch));
            }
        }
    }

    /** {@code trades.{inst}.{interval}} and every {@code trades.{kind}.{currency}.{interval}} covering {@code i}. */
    static List<String> tradeChannels(DeribitInstrument i, String interval) {
        List<String> channels = new ArrayList<>();
        channels.add("trades." + i.name() + "." + interval);
        for (String kind : List.of(i.kind(), "any")) {
            for (String currency : List.of(i.currency(), "any")) {
                channels.add("trades." + kind + "." + currency + "." + interval);
            }
        }
        return channels;
    }

    private DeribitWsServer ws() {
        return core.ws();
    }
}
