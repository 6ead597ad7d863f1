package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.fault.SequenceAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;

/** Market-stream data: diff depth and trades as the engines print them, partial depth on its schedule. */
final class MarketStreams {

    private static final Pattern PARTIAL = Pattern.compile("^([a-z0-9]+)@depth(5|10|20)(?:@(\\d+)ms)?$");

    private final BinanceCore core;
    private final BinanceVenue venue;
    private final BinanceWsServer ws;

    MarketStreams(BinanceCore core, BinanceWsServer ws) {
        this.core = core;
        this.venue = core.venue;
        this.ws = ws;
    }

    void onMarketEvent(EngineEvent event) {
        if (event instanceof EngineEvent.BookDiff diff) {
            onDiff(diff);
        } else if (event instanceof EngineEvent.TradePrinted trade) {
            onTrade(trade.fill());
        }
    }

    private List<Map.Entry<WebSocket, String>> subscribers(List<String> names) {
        List<Map.Entry<WebSocket, String>> out = new ArrayList<>();
        for (Map.Entry<WebSocket, WsConn> e : ws.connections().entrySet()) {
            if (e.getValue().kind == WsConn.Kind.API) {
                continue;
            }
            for (String s : e.getValue().streamList()) {
                if (names.contains(s)) {
                    out.add(Map.entry(e.getKey(), s));
                }
            }
        }
        return out;
    }

    private void onDiff(EngineEvent.BookDiff diff) {
        BinanceSymbol s = core.symbols.get(diff.symbol());
        List<Map.Entry<WebSocket, String>> targets = subscribers(venue.diffStreams(lower(s)));
        if (targets.isEmpty()) {
            return;
        }
        // One sequence fault per diff, for every connection at once, as if the exchange lost or resent it.
        SequenceAction action = ws.faults().nextSequenceAction();
        int times = action == SequenceAction.SKIP ? 0 : action == SequenceAction.REPEAT ? 2 : 1;
        send(targets, venue.depthUpdate(core, s, diff), times);
    }

    private void onTrade(Fill fill) {
        BinanceSymbol s = core.symbols.get(fill.symbol());
        String lower = lower(s);
        boolean buyerMaker = fill.takerSide() == Side.SELL;
        long tradeTime = fill.time().toEpochMilli();
        if (venue.tradeStream()) {
            List<Map.Entry<WebSocket, String>> targets = subscribers(List.of(lower + "@trade"));
            if (!targets.isEmpty()) {
                ObjectNode t = BinanceCore.JSON.createObjectNode().put("e", "trade").put("E", core.now())
                        .put("s", s.symbol()).put("t", fill.tradeId()).put("p", core.price(s, fill.price()))
                        .put("q", core.qty(s, fill.quantity())).put("T", tradeTime).put("m", buyerMaker)
                        .put("M", true);
                send(targets, t, 1);
            }
        }
        List<Map.Entry<WebSocket, String>> targets = subscribers(List.of(lower + "@aggTrade"));
        if (!targets.isEmpty()) {
            ObjectNode a = BinanceCore.JSON.createObjectNode().put("e", "aggTrade").put("E", core.now())
                    .put("s", s.symbol()).put("a", fill.tradeId()).put("p", core.price(s, fill.price()))
                    .put("q", core.qty(s, fill.quantity())).put("f", fill.tradeId()).put("l", fill.tradeId())
                    .put("T", tradeTime).put("m", buyerMaker);
            if (venue.aggTradeHasM()) {
                a.put("M", true);
            }
            send(targets, a, 1);
        }
    }

    private static String lower(BinanceSymbol s) {
        return s.symbol().toLowerCase(Locale.ROOT);
    }

    private void send(List<Map.Entry<WebSocket, String>> targets, ObjectNode data, int times) {
        String raw = data.toString();
        for (Map.Entry<WebSocket, String> t : targets) {
            WsConn c = ws.connections().get(t.getKey());
            String frame = c != null ? c.frame(t.getValue(), raw) : raw;
            for (int i = 0; i < times; i++) {
                ws.send(t.getKey(), frame);
            }
        }
    }

    /** Sends every partial-depth stream that is due. */
    void tick(long now) {
        for (Map.Entry<WebSocket, WsConn> e : ws.connections().entrySet()) {
            WsConn c = e.getValue();
            if (c.kind != WsConn.Kind.STREAM) {
                continue;
            }
            for (String stream : c.streamList()) {
                Matcher m = PARTIAL.matcher(stream);
                if (m.matches()) {
                    partial(e.getKey(), c, stream, m, now);
                }
            }
        }
    }

    private void partial(WebSocket conn, WsConn c, String stream, Matcher m, long now) {
        BinanceSymbol s = core.symbols.values().stream()
                .filter(x -> lower(x).equals(m.group(1))).findFirst().orElse(null);
        if (s == null) {
            return;
        }
        int levels = Integer.parseInt(m.group(2));
        long interval = m.group(3) != null ? Long.parseLong(m.group(3)) : venue.defaultPartialIntervalMillis();
        long[] state = c.partial.computeIfAbsent(stream, k -> new long[] {Long.MIN_VALUE / 2, -1});
        if (now - state[0] < interval) {
            return;
        }
        BookSnapshot book = core.sim.book(s.symbol()).top(levels);
        if (book.lastUpdateId() == state[1]) {
            return;
        }
        long previous = state[1] < 0 ? book.lastUpdateId() : state[1];
        ObjectNode data = venue.partialDepth(core, s, book, previous);
        state[0] = now;
        state[1] = book.lastUpdateId();
        ws.send(conn, c.frame(stream, data.toString()));
    }
}
