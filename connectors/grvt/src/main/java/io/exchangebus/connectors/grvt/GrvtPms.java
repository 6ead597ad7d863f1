package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.role.Capabilities;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.grvt.config.GrvtAccount;
import io.exchangebus.connectors.grvt.config.GrvtConfig;
import io.exchangebus.connectors.grvt.http.GrvtLoginSession;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.mapping.AccountMapping;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.connectors.grvt.ws.GrvtChannel;
import io.exchangebus.connectors.grvt.ws.GrvtRpc;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Positions and balances of one GRVT trading sub-account (grvt.md §7): {@code v1.position} on the trades host's
 * WebSocket for positions, and, since GRVT has no balance stream, {@code account_summary} polled every
 * {@link GrvtConfig#accountPollInterval()} and at once after each {@code v1.fill}, publishing only what changed
 * ({@link GrvtAccountPoller}; the funding account's balances apart from the sub-account's). Polled and streamed
 * events are marked {@code STREAM}; after a lost socket the positions and the account are read again over REST and
 * reported whole, marked {@code RECOVERY}. The session's cookie is renewed ahead of expiry by REST use, and each new
 * socket's handshake carries the current one.
 *
 * <p>Every listener call is made on one delivery thread ({@code grvt-pms}). Closes its connections and threads.
 */
public final class GrvtPms implements Pms {

    private final GrvtConfig config;
    private final GrvtAccount account;
    private final Clock clock;
    private final GrvtLoginSession session;
    private final GrvtRestClient rest;
    private final GrvtRpc rpc;
    private final GrvtAccountPoller poller;
    private final ScheduledExecutorService delivery;
    private volatile Listener listener;
    private volatile boolean closed;
    /** Delivery thread only. */
    private boolean lostSocket;

    public GrvtPms(GrvtConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.account = config.account().orElseThrow(() -> new IllegalArgumentException("the PMS needs an account"));
        this.clock = Objects.requireNonNull(clock, "clock");
        GrvtClients clients = new GrvtClients(config, clock);
        this.session = clients.session();
        this.rest = clients.rest(session);
        this.rpc = clients.trades("pms", session, new Events());
        this.poller = new GrvtAccountPoller(rest, account.account(), account.subAccount(), account.fundingAccount(),
                clock);
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grvt-pms");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String exchange() {
        return GrvtVenue.EXCHANGE;
    }

    @Override
    public Capabilities capabilities() {
        return GrvtCapabilities.pms();
    }

    /** Connects, subscribes {@code v1.position} and {@code v1.fill}, reads the account once, then polls it. */
    @Override
    public CompletableFuture<Result<Void>> connect(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.completedFuture(Result.err(ExchangeError.network(exchange(), "PMS is closed")));
        }
        String sub = account.subAccount();
        return rpc.start().thenCompose(started -> {
            if (!started.isOk()) {
                return CompletableFuture.completedFuture(Result.<Void>err(started.error()));
            }
            CompletableFuture<Result<Void>> positions = rpc.subscribe(new GrvtChannel("v1.position", sub),
                    this::onPosition);
            CompletableFuture<Result<Void>> fills = rpc.subscribe(new GrvtChannel("v1.fill", sub),
                    (frame, raw, at) -> post(() -> poll(EventSource.STREAM, false)));
            return positions.thenCombine(fills, (p, f) -> p.isOk() ? f : p);
        }).thenApply(r -> {
            if (r.isOk()) {
                long every = config.accountPollInterval().toNanos();
                post(() -> poll(EventSource.STREAM, false));
                delivery.scheduleWithFixedDelay(() -> poll(EventSource.STREAM, false), every, every,
                        TimeUnit.NANOSECONDS);
            }
            return r;
        });
    }

    private void onPosition(JsonNode frame, String raw, Instant receivedAt) {
        Result<PositionUpdate> position = AccountMapping.position(frame.path("feed"), false,
                new PrivateContext(account.account(), EventSource.STREAM), receivedAt);
        post(() -> {
            Listener l = listener;
            if (l == null) {
                return;
            }
            if (position.isOk()) {
                l.onPosition(position.value());
            } else {
                l.onMalformedFrame(new MalformedFrame(exchange(), "v1.position", raw, position.error().message(),
                        receivedAt));
            }
        });
    }

    /** Delivery thread: reads the account and hands what changed (everything after a lost socket) to the listener. */
    private void poll(EventSource source, boolean everything) {
        if (closed) {
            return;
        }
        poller.poll(source, everything).thenAccept(r -> post(() -> {
            Listener l = listener;
            if (r.isOk() && l != null) {
                r.value().deliver(l::onAccount, l::onBalance);
            }
        }));
    }

    /** Delivery thread: after a new socket, positions and the account again over REST, marked RECOVERY. */
    private void recover() {
        PrivateContext ctx = new PrivateContext(account.account(), EventSource.RECOVERY);
        rest.read("v1/positions", GrvtRestClient.body().put("sub_account_id", account.subAccount()))
                .thenAccept(r -> post(() -> {
                    Listener l = listener;
                    if (!r.isOk() || l == null) {
                        return;
                    }
                    for (JsonNode item : r.value().path("result")) {
                        AccountMapping.position(item, false, ctx, clock.instant()).ifOk(l::onPosition);
                    }
                }));
        poll(EventSource.RECOVERY, true);
    }

    private void post(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException closedNow) {
            // closed: no callback after close
        }
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
        delivery.shutdownNow();
        rest.close();
        session.close();
    }

    @Override
    public String toString() {
        return "GrvtPms[" + account + "]";
    }

    /** The connection's events: a lost socket is recovered over REST once the new one is up. */
    private final class Events implements GrvtRpc.Events {
        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            post(() -> {
                if (event.state() == ConnectionState.DISCONNECTED) {
                    lostSocket = true;
                } else if (event.state() == ConnectionState.CONNECTED && lostSocket) {
                    lostSocket = false;
                    recover();
                }
                Listener l = listener;
                if (l != null) {
                    l.onConnectionEvent(event);
                }
            });
        }

        @Override
        public void onFramesDropped(FramesDropped event) {
            post(() -> {
                Listener l = listener;
                if (l != null) {
                    l.onFramesDropped(event);
                }
            });
        }

        @Override
        public void onOverflow(long dropped) {
            post(GrvtPms.this::recover);
        }

        @Override
        public void onUnrouted(String raw, Instant receivedAt) {
            if (!GrvtFrames.isJsonRpcOrFeed(raw)) {
                post(() -> {
                    Listener l = listener;
                    if (l != null) {
                        l.onMalformedFrame(new MalformedFrame(exchange(), "grvt-pms", raw,
                                "not a JSON-RPC answer or feed frame", receivedAt));
                    }
                });
            }
        }

        @Override
        public void onResubscribed(GrvtChannel channel, Result<Void> answer) {
            if (!answer.isOk() && io.exchangebus.connectors.grvt.http.GrvtErrors.isSessionRefused(answer.error())) {
                session.invalidate(); // the next socket logs in afresh
            }
        }
    }
}
