package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.core.session.Scheduler;
import io.exchangebus.connectors.deribit.config.DeribitAccount;
import io.exchangebus.connectors.deribit.config.DeribitConfig;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.http.DeribitHttpClient;
import io.exchangebus.connectors.deribit.mapping.PositionMapping.Position;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.connectors.deribit.ws.DeribitLimits;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deribit positions and account as a {@link Pms}, on its own logged-in {@link DeribitRpc} (scope
 * {@code session:<name>-pms}), deribit.md §7.
 *
 * <ul>
 * <li>{@code user.portfolio.any} (one frame per currency): an {@code AccountUpdate} with that currency's equity,
 *     balance, margin balance, initial and maintenance margin, available funds and session UPL, and a
 *     {@code BalanceUpdate} (total = balance, free = available_withdrawal_funds), marked STREAM.</li>
 * <li>{@code user.changes.any.any.raw}: its {@code positions} as {@code PositionUpdate}s: size in the instrument's
 *     quantity unit (USD for inverse contracts, the coin for options and linear ones), average price, mark, floating
 *     and realised PnL; the size in the base currency ({@code size_currency}) and total PnL, which our model has no
 *     field for, are kept in {@link #positions()}.</li>
 * <li>On start, positions are read over HTTP ({@code private/get_positions}) and reported marked RECOVERY; the account
 *     comes from {@code user.portfolio}, and over HTTP only for a currency it did not report within
 *     {@link #START_ACCOUNT_GRACE}. After every gap (a reconnect, a new session after 10028, frames lost between
 *     socket and handler) positions and each currency's account ({@code private/get_account_summary}) are read again
 *     ({@link DeribitPmsRecovery}) and reported marked RECOVERY, so nothing that happened while disconnected is lost;
 *     a position open before but no longer listed is reported flat.</li>
 * <li>A frame that cannot be mapped is reported ({@link Pms.Listener#onMalformedFrame}) and counted
 *     ({@link #malformedFrames()}); the stream goes on.</li>
 * </ul>
 * Thread-safe. The listener is called one call at a time, on the connection's or the HTTP client's threads.
 */
public final class DeribitPms implements Pms {

    /** The channels the PMS subscribes. */
    public static final List<String> CHANNELS = List.of("user.portfolio.any", "user.changes.any.any.raw");
    /** The currencies whose account is recovered when none are given. */
    public static final List<String> DEFAULT_CURRENCIES = List.of("BTC", "ETH", "USDC");
    /** How long after a reconnect the recovery waits for the resubscription's answer before it goes anyway. */
    static final Duration RESUBSCRIBE_GRACE = Duration.ofSeconds(1);
    /** How long after subscribing the account waits for {@code user.portfolio} before it is read over HTTP. */
    static final Duration START_ACCOUNT_GRACE = Duration.ofSeconds(2);

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final DeribitRpc rpc;
    private final DeribitHttpClient http;
    private final DeribitPmsEvents events;
    private final DeribitPmsRecovery recovery;
    private final AtomicBoolean connectedOnce = new AtomicBoolean();
    /** Reconnects seen; the last of them recovered. Recovery runs once per reconnect. */
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong recoveredReconnect = new AtomicLong();
    private volatile Listener listener;
    private volatile boolean closed;

    /** With the system clock. */
    public DeribitPms(DeribitConfig config, String subAccount, List<String> currencies) {
        this(config, subAccount, currencies, Clock.systemUTC());
    }

    /**
     * @param config with the account (required)
     * @param subAccount Deribit's sub-account id the figures belong to, or null
     * @param currencies whose account summaries are recovered (BTC, ETH, USDC …); empty: {@link #DEFAULT_CURRENCIES}
     */
    public DeribitPms(DeribitConfig config, String subAccount, List<String> currencies, Clock clock) {
        Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        DeribitAccount account = config.account()
                .orElseThrow(() -> new IllegalArgumentException("the Deribit PMS needs an account"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deribit-pms-timer");
            t.setDaemon(true);
            return t;
        });
        PrivateContext ctx = new PrivateContext(account.credentials().account(), subAccount, EventSource.STREAM);
        this.events = new DeribitPmsEvents(() -> listener, () -> closed, ctx);
        this.rpc = new DeribitRpc(config.rpc("pms", false, clock), new DeribitLimits(clock), clock, new RpcEvents());
        this.http = new DeribitHttpClient(DeribitHttpClient.defaultSettings(config.endpoints().rest()), rpc.limits(),
                config.maxCreditWait(), account.login("pms-http", clock), Scheduler.of(timer), clock);
        this.recovery = new DeribitPmsRecovery(http, currencies.isEmpty() ? DEFAULT_CURRENCIES : currencies,
                ctx.withSource(EventSource.RECOVERY), events, timer, clock);
    }

    @Override
    public String exchange() {
        return DeribitErrors.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return DeribitCapabilities.pms();
    }

    /**
     * Connects, logs in, subscribes {@link #CHANNELS}, then reads positions over HTTP; completes when the stream is
     * live and that first read was tried (a failed one is retried in the background).
     */
    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(exchange(), "PMS is closed")));
        }
        return rpc.start().thenCompose(started -> started.isOk()
                ? rpc.subscribe(CHANNELS, events::onNotification)
                : CompletableFuture.completedFuture(Result.<List<String>>err(started.error())))
                .thenCompose(subscribed -> subscribed.isOk() ? start()
                        : CompletableFuture.completedFuture(Result.<Void>err(subscribed.error())));
    }

    /**
     * Positions over HTTP at once ({@code user.changes} speaks only of changes); the account is left to
     * {@code user.portfolio}, which reports every currency when subscribed, and read over HTTP after
     * {@link #START_ACCOUNT_GRACE} only for the currencies the stream has not reported by then.
     */
    private CompletableFuture<Result<Void>> start() {
        Instant subscribed = clock.instant();
        timer.schedule(() -> {
            if (!closed) {
                recovery.recoverAccount("start", subscribed);
            }
        }, START_ACCOUNT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return recovery.recoverPositions("start").thenApply(r -> Result.ok());
    }

    /** The last position reported per symbol (flat ones included), with its size in the base currency. */
    public Map<String, Position> positions() {
        return events.positions();
    }

    /** Frames and answers reported malformed so far. */
    public long malformedFrames() {
        return events.malformedCount();
    }

    /** Recoveries completed so far (the one at start included). */
    public long recoveries() {
        return recovery.completed();
    }

    /** The connection, for diagnostics. */
    public DeribitRpc rpc() {
        return rpc;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        rpc.close();
        http.close();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "DeribitPms[" + rpc + "]";
    }

    /** Recovers once for reconnect {@code n}, whichever comes first: the resubscription's answer or the grace. */
    private void recoverAfterReconnect(long n) {
        if (!closed && n > 0 && recoveredReconnect.getAndAccumulate(n, Math::max) < n) {
            recovery.recover("reconnect");
        }
    }

    /** The connection's events: states to the listener, recovery after every reconnect and lost frames. */
    private final class RpcEvents implements DeribitRpc.Listener {

        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            if (event.state() == ConnectionState.CONNECTED && connectedOnce.getAndSet(true) && !closed) {
                long n = reconnects.incrementAndGet();
                timer.schedule(() -> recoverAfterReconnect(n), RESUBSCRIBE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            Listener l = listener;
            if (l != null && (!closed || event.state() == ConnectionState.CLOSED)) {
                l.onConnectionEvent(event);
            }
        }

        @Override
        public void onResubscribed(Result<List<String>> answer) {
            recoverAfterReconnect(reconnects.get());
        }

        @Override
        public void onOverflow(long dropped) {
            if (!closed) {
                recovery.recover(dropped + " frames lost");
            }
        }

        @Override
        public void onFramesDropped(FramesDropped event) {
            Listener l = listener;
            if (l != null && !closed) {
                l.onFramesDropped(event);
            }
        }

        @Override
        public void onUnrouted(String raw, String reason) {
            events.malformed("deribit-pms", raw, reason, Instant.now());
        }
    }
}
