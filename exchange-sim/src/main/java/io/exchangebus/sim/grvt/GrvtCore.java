package io.exchangebus.sim.grvt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.fault.FaultInjector;
import io.exchangebus.sim.server.JsonRpcSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of one GRVT simulator, wired together; transports and streams reach everything through it. */
final class GrvtCore {

    private final Simulator sim;
    private final List<GrvtInstrument> instruments;
    private final GrvtAccounts accounts;
    private final GrvtAuth auth;
    private final OrderSignatures signatures;
    private final GrvtRateLimiter limiter;
    private final GrvtOrderLog orderLog = new GrvtOrderLog();
    private final CancelTtl cancelTtl;
    private final GrvtOrders orders;
    private final GrvtCancels cancels;
    private final GrvtStreams streams;
    private final GrvtSubscriptions subscriptions;
    private final List<GrvtApi> api;
    private final Instant listedAt;
    private final List<GrvtWsServer> servers = new ArrayList<>();

    GrvtCore(Simulator sim, List<GrvtInstrument> instruments, GrvtAccounts accounts, GrvtAuth auth,
             OrderSignatures signatures, GrvtRateLimiter limiter) {
        this.sim = sim;
        this.instruments = List.copyOf(instruments);
        this.accounts = accounts;
        this.auth = auth;
        this.signatures = signatures;
        this.limiter = limiter;
        this.listedAt = sim.clock().instant();
        this.streams = new GrvtStreams(this);
        this.cancelTtl = sim.manage(new CancelTtl(sim.clock(), streams::cancelExpired));
        this.orders = new GrvtOrders(this);
        this.cancels = new GrvtCancels(this);
        this.subscriptions = new GrvtSubscriptions(this);
        this.api = GrvtApi.table(this);
    }

    void onEvent(EngineEvent event) {
        streams.onEvent(event);
    }

    void addServer(GrvtWsServer server) {
        servers.add(server);
    }

    /** The open sessions of both WebSocket hosts. */
    List<JsonRpcSession> sessions() {
        List<JsonRpcSession> out = new ArrayList<>();
        servers.forEach(s -> out.addAll(s.sessions()));
        return out;
    }

    void push(JsonRpcSession session, String frame) {
        session.attribute(GrvtWsServer.SERVER, GrvtWsServer.class).ifPresent(s -> s.pushTo(session, frame));
    }

    /** The mark: the book's mid, else the last trade, else the instrument's start price. */
    BigDecimal mark(String instrument) {
        BookSnapshot top = sim.book(instrument).top(1);
        if (!top.bids().isEmpty() && !top.asks().isEmpty()) {
            return top.bids().get(0).price().add(top.asks().get(0).price())
                    .divide(BigDecimal.valueOf(2), 9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return sim.engine(instrument).lastTradePrice()
                .orElseGet(() -> instrument(instrument).orElseThrow().startPrice());
    }

    /** The {@code v1.ticker.s} feed of an instrument (volumes, funding and open interest are not modelled: 0). */
    ObjectNode ticker(String instrument) {
        BookSnapshot top = sim.book(instrument).top(1);
        String mark = Json.decimal(mark(instrument));
        String last = sim.engine(instrument).lastTradePrice().map(Json::decimal).orElse(mark);
        ObjectNode t = Json.object().put("event_time", Json.nanos(clock().instant())).put("instrument", instrument)
                .put("mark_price", mark).put("index_price", mark).put("last_price", last).put("last_size", "0.0")
                .put("mid_price", mark);
        t.put("best_bid_price", top.bids().isEmpty() ? "0.0" : Json.decimal(top.bids().get(0).price()))
                .put("best_bid_size", top.bids().isEmpty() ? "0.0" : Json.decimal(top.bids().get(0).quantity()))
                .put("best_ask_price", top.asks().isEmpty() ? "0.0" : Json.decimal(top.asks().get(0).price()))
                .put("best_ask_size", top.asks().isEmpty() ? "0.0" : Json.decimal(top.asks().get(0).quantity()));
        return t.put("funding_rate_8h_curr", 0.0).put("funding_rate_8h_avg", 0.0).put("interest_rate", 0.0)
                .put("forward_price", mark).put("buy_volume_24h_b", "0.0").put("sell_volume_24h_b", "0.0")
                .put("buy_volume_24h_q", "0.0").put("sell_volume_24h_q", "0.0").put("high_price", last)
                .put("low_price", last).put("open_price", last).put("open_interest", "0.0")
                .put("long_short_ratio", "0.5").put("funding_rate", 0.0)
                .put("next_funding_time", Json.nanos(clock().instant().plusSeconds(3600)));
    }

    Optional<GrvtInstrument> instrument(String name) {
        return instruments.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    List<GrvtInstrument> instruments() {
        return instruments;
    }

    Simulator sim() {
        return sim;
    }

    GrvtAccounts accounts() {
        return accounts;
    }

    GrvtAuth auth() {
        return auth;
    }

    OrderSignatures signatures() {
        return signatures;
    }

    GrvtRateLimiter limiter() {
        return limiter;
    }

    GrvtOrderLog orderLog() {
        return orderLog;
    }

    CancelTtl cancelTtl() {
        return cancelTtl;
    }

    GrvtOrders orders() {
        return orders;
    }

    GrvtCancels cancels() {
        return cancels;
    }

    GrvtStreams marketStreams() {
        return streams;
    }

    GrvtSubscriptions subscriptions() {
        return subscriptions;
    }

    List<GrvtApi> api() {
        return api;
    }

    Instant listedAt() {
        return listedAt;
    }

    FaultInjector faults() {
        return sim.faults();
    }

    Clock clock() {
        return sim.clock();
    }
}
