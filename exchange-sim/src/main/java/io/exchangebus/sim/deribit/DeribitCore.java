package io.exchangebus.sim.deribit;

import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.auth.AccessTokens;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.fault.FaultInjector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of one Deribit simulator, wired together; transports reach everything through it. */
final class DeribitCore {

    private final Simulator sim;
    private final DeribitMarket market;
    private final MarketViews views;
    private final OrderViews orderViews;
    private final DeribitPortfolio portfolio;
    private final DeribitAuth auth;
    private final CreditLimiter limiter;
    private final Duration heartbeatSecond;
    private final DeribitApi api = new DeribitApi();
    private final DeribitOrders orders;
    private final OrderQueries queries;
    private final MarketStreams marketStreams;
    private final UserStreams userStreams;
    private final Set<String> instrumentNames;
    private volatile DeribitWsServer ws;

    DeribitCore(Simulator sim, List<DeribitInstrument> instruments, AccessTokens tokens, CreditLimiter limiter,
                Duration heartbeatSecond) {
        this.sim = sim;
        this.market = new DeribitMarket(sim, instruments);
        this.views = new MarketViews(market, sim.accounts());
        this.orderViews = new OrderViews(market);
        this.auth = new DeribitAuth(tokens, sim.accounts(), sim.clock(), sim.faults());
        this.limiter = limiter;
        this.heartbeatSecond = heartbeatSecond;
        this.instrumentNames = instruments.stream().map(DeribitInstrument::name).collect(Collectors.toSet());
        this.orders = new DeribitOrders(this);
        this.queries = new OrderQueries(this);
        this.portfolio = new DeribitPortfolio(market, sim.accounts(),
                (account, i) -> engine(i.name()).openOrders(account));
        this.marketStreams = new MarketStreams(this);
        this.userStreams = new UserStreams(this);
        new PublicMethods(this).register(api);
        new Subscriptions(this).register(api);
        new AccountMethods(this).register(api);
        orders.register(api);
        queries.register(api);
    }

    /** Engine listener: orders first (fees, history), then public and private streams. */
    void onEvent(EngineEvent event) {
        orders.onEvent(event);
        marketStreams.onEvent(event);
        userStreams.onEvent(event);
    }

    /** One publish interval of every aggregated channel. */
    void tick() {
        marketStreams.tick();
        userStreams.tick();
    }

    MatchingEngine engine(String instrument) {
        return sim.engine(instrument);
    }

    Simulator sim() {
        return sim;
    }

    DeribitMarket market() {
        return market;
    }

    MarketViews views() {
        return views;
    }

    OrderViews orderViews() {
        return orderViews;
    }

    DeribitPortfolio portfolio() {
        return portfolio;
    }

    DeribitAuth auth() {
        return auth;
    }

    CreditLimiter limiter() {
        return limiter;
    }

    Duration heartbeatSecond() {
        return heartbeatSecond;
    }

    DeribitApi api() {
        return api;
    }

    DeribitOrders orders() {
        return orders;
    }

    OrderQueries queries() {
        return queries;
    }

    MarketStreams marketStreams() {
        return marketStreams;
    }

    Set<String> instrumentNames() {
        return instrumentNames;
    }

    FaultInjector faults() {
        return sim.faults();
    }

    Clock clock() {
        return sim.clock();
    }

    DeribitWsServer ws() {
        return ws;
    }

    void ws(DeribitWsServer server) {
        this.ws = server;
    }
}
