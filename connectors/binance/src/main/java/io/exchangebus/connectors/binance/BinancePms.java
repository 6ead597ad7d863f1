package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.BinanceFormat;
import io.exchangebus.connectors.binance.mapping.AccountMapping;
import io.exchangebus.connectors.binance.mapping.MappingContext;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.AccountChange;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.BalanceDelta;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.Balances;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.Mapped;
import io.exchangebus.connectors.binance.mapping.UserDataMapping.NotMapped;
import io.exchangebus.connectors.binance.mapping.UserDataMapping;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.core.role.Capability;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's PMS: balances, and on USD-M positions, from the account's user-data stream
 * ({@link BinanceUserDataStream}), marked {@code source = STREAM}.
 *
 * <ul>
 * <li>Spot: {@code outboundAccountPosition} gives absolute balances. A {@code balanceUpdate} is only a delta (our
 * {@code BalanceUpdate} holds absolute balances), so it is not reported as one: Binance follows it with an
 * outboundAccountPosition ("sent any time an account balance has changed"). Should none carrying the asset arrive within
 * {@link #DELTA_CONFIRMATION}, the balances are fetched over REST and reported (RECOVERY), so a deposit is never lost.
 * <li>USD-M: {@code ACCOUNT_UPDATE} gives balances ({@code wb} total, {@code cw} free, the rest locked in isolated
 * margin) and positions; its reason {@code m} is logged.
 * <li>Gaps (reconnect, listenKey expiry, failed keep-alive, frames dropped by a full hand-off queue): once the stream is live again the
 * balances (spot {@code GET /api/v3/account}; USD-M {@code GET /fapi/v2/account}) and positions ({@code GET
 * /fapi/v2/positionRisk}) are fetched and reported, marked {@code RECOVERY}, so the consumer's view is right again.
 * <li>Frames that cannot be mapped, and documented events our model has no place for, go to
 * {@link Pms.Listener#onMalformedFrame} with the raw text and the reason; order events (an OMS's business) and events
 * repeating others are skipped.
 * </ul>
 */
public final class BinancePms implements Pms {

    /** How long a spot balanceUpdate waits for the outboundAccountPosition that carries its asset's balance. */
    public static final Duration DELTA_CONFIRMATION = Duration.ofSeconds(2);
    private static final int RECOVERY_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(BinancePms.class);

    private final BinanceConfig config;
    private final InstrumentRegistry instruments;
    private final Duration keepAlive;
    private final UnaryOperator<WsSettings.Builder> wsTuning;
    private final BinanceRestClient rest;
    private final MappingContext context;
    private final Clock clock = Clock.systemUTC();
    /** Asset to the time (µs) of the last absolute balance the stream gave for it. */
    private final ConcurrentHashMap<String, Long> lastAbsolute = new ConcurrentHashMap<>();
    private volatile BinanceUserDataStream stream;
    private volatile Listener listener;
    private volatile boolean closed;

    public BinancePms(BinanceConfig config) {
        this(config, new InstrumentRegistry(config.exchange()), BinanceUserDataStream.DEFAULT_KEEP_ALIVE,
                UnaryOperator.identity());
    }

    /**
     * @param instruments the exchange's instruments (filled from exchangeInfo at connect if empty; USD-M positions need
     *        them)
     * @param keepAlive USD-M: how often the listenKey is kept alive (30 min; shorter in tests)
     * @param wsTuning adjusts the stream connection's settings (tests: short timeouts and backoff)
     */
    public BinancePms(BinanceConfig config, InstrumentRegistry instruments, Duration keepAlive,
                      UnaryOperator<WsSettings.Builder> wsTuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        this.wsTuning = Objects.requireNonNull(wsTuning, "wsTuning");
        this.rest = new BinanceRestClient(config);
        this.context = new MappingContext(config.exchange(), config.requireSigner().account(), instruments,
                EventSource.STREAM);
    }

    @Override
    public String exchange() {
        return config.exchange();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of(config.exchange(), config.venue().accountCapabilities());
    }

    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        if (closed) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(exchange(), "PMS is closed")));
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        return rest.clock().sync(3).thenCompose(synced -> {
            if (!synced.isOk()) {
                return CompletableFuture.completedFuture(Result.<Void>err(synced.error()));
            }
            return loadInstrumentsIfNeeded();
        }).thenCompose(loaded -> {
            if (!loaded.isOk() || closed) {
                return CompletableFuture.completedFuture(loaded);
            }
            BinanceUserDataStream.Handler handler = new BinanceUserDataStream.Handler() {
                @Override
                public void onEvent(JsonNode event, String raw) {
                    BinancePms.this.onEvent(event, raw);
                }

                @Override
                public void onGap(String reason) {
                    recover(reason);
                }
            };
            WsSettings settings = wsTuning.apply(WsSettings.builder(exchange() + "-user-data",
                    config.venue().userDataTransport().uri(config.endpoints()))).build();
            BinanceUserDataStream s = BinanceUserDataStream.owned(config, rest, settings, keepAlive,
                    connectionListener(), handler);
            stream = s;
            return s.start();
        });
    }

    private CompletableFuture<Result<Void>> loadInstrumentsIfNeeded() {
        if (!config.venue().accountCapabilities().contains(Capability.POSITIONS) || instruments.size() > 0) {
            return CompletableFuture.completedFuture(Result.ok());
        }
        return ExchangeInfo.fetch(rest, config.venue()).thenApply(r -> r.flatMap(mapped -> {
            instruments.replaceAll(mapped.instruments());
            return Result.ok();
        }));
    }

    /** The stream's states and dropped-frame counts, passed on to the listener until closed. */
    private ConnectionListener connectionListener() {
        return new ConnectionListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                Listener l = listener;
                if (l != null && !closed) {
                    l.onConnectionEvent(event);
                }
            }

            @Override
            public void onFramesDropped(FramesDropped event) {
                Listener l = listener;
                if (l != null && !closed) {
                    l.onFramesDropped(event);
                }
            }
        };
    }

    private void onEvent(JsonNode event, String raw) {
        Listener l = listener;
        if (l == null || closed) {
            return;
        }
        Instant now = clock.instant();
        Mapped mapped;
        try {
            mapped = UserDataMapping.map(event, context, now);
        } catch (UnmappableMessageException e) {
            l.onMalformedFrame(new MalformedFrame(exchange(), "user-data", raw, e.getMessage(), now));
            return;
        }
        if (mapped instanceof Balances b) {
            b.balances().forEach(balance -> lastAbsolute.merge(balance.getAsset(), b.lastAccountUpdateMicros(),
                    Math::max));
            b.balances().forEach(l::onBalance);
        } else if (mapped instanceof AccountChange c) {
            LOG.debug("{}: ACCOUNT_UPDATE, reason {}", exchange(), c.reason());
            c.balances().forEach(l::onBalance);
            c.positions().forEach(l::onPosition);
        } else if (mapped instanceof BalanceDelta d) {
            confirmDelta(d);
        } else if (mapped instanceof NotMapped n && !n.redundant()) {
            l.onMalformedFrame(new MalformedFrame(exchange(), "user-data", raw, "recognised " + n.type()
                    + " but not mapped: " + n.reason(), now));
        }
        // OrderEvent: the OMS's; StreamEnded: handled by the stream, which reports the gap.
    }

    /** Reports the asset's balance over REST unless an outboundAccountPosition at or after the delta comes first. */
    private void confirmDelta(BalanceDelta delta) {
        CompletableFuture.delayedExecutor(DELTA_CONFIRMATION.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            Long seen = lastAbsolute.get(delta.asset());
            if (closed || (seen != null && seen >= delta.clearTimeMicros())) {
                return;
            }
            LOG.warn("{}: balanceUpdate of {} not followed by its account position; fetching the balances",
                    exchange(), delta.asset());
            recover("balanceUpdate of " + delta.asset() + " without an account position");
        });
    }

    /** Fetches and reports balances (and USD-M positions) after a gap. */
    private void recover(String reason) {
        recover(reason, 1);
    }

    private void recover(String reason, int attempt) {
        if (closed) {
            return;
        }
        Runnable retry = () -> {
            if (attempt < RECOVERY_ATTEMPTS) {
                CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS).execute(() -> recover(reason, attempt + 1));
            } else {
                LOG.error("{}: gave up recovering the account after {} attempts ({}); the next gap retries",
                        exchange(), attempt, reason);
            }
        };
        boolean positions = config.venue().accountCapabilities().contains(Capability.POSITIONS);
        LOG.info("{}: account stream gap ({}); fetching balances{}", exchange(), reason,
                positions ? " and positions" : "");
        String accountPath = config.venue().rest().accountPath();
        HttpCall account = HttpCall.get(accountPath).withSigning()
                .withWeight(config.venue().rest().accountWeight());
        for (Map.Entry<String, String> param : config.venue().rest().recoveryAccountParams().entrySet()) {
            account = account.withParam(param.getKey(), param.getValue());
        }
        MappingContext recovered = context.withSource(EventSource.RECOVERY);
        rest.call(account).thenAccept(r -> report(r, retry, "account", body -> BinanceFormat.of(config.venue())
                .accountBalances(recovered, body, clock.instant()), true));
        if (positions) {
            rest.call(HttpCall.get("/fapi/v2/positionRisk").withSigning().withWeight(5))
                    .thenAccept(r -> report(r, retry, "positionRisk",
                            body -> AccountMapping.positions(recovered, body, clock.instant(), true), false));
        }
    }

    private interface Extract {
        List<?> apply(JsonNode body);
    }

    private void report(Result<JsonNode> answer, Runnable retry, String what, Extract extract, boolean balances) {
        Listener l = listener;
        if (l == null || closed) {
            return;
        }
        if (!answer.isOk()) {
            LOG.warn("{}: recovery {} failed: {}", exchange(), what, answer.error());
            if (retry != null) {
                retry.run();
            }
            return;
        }
        try {
            for (Object item : extract.apply(answer.value())) {
                if (balances) {
                    l.onBalance((BalanceUpdate) item);
                } else {
                    l.onPosition((PositionUpdate) item);
                }
            }
        } catch (UnmappableMessageException e) {
            l.onMalformedFrame(new MalformedFrame(exchange(), what, answer.value().toString(), e.getMessage(),
                    clock.instant()));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BinanceUserDataStream s = stream;
        if (s != null) {
            s.close();
        }
        rest.close();
    }
}
