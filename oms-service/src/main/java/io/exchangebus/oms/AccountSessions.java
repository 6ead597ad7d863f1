package io.exchangebus.oms;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.connection.FramesDropped;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.InstrumentRefresher;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.ops.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS role of every served account, with one instrument registry per exchange shared by its accounts. Every
 * order update a role reports goes to the {@link UpdateOutbox}.
 *
 * <p>Each account connects on its own: one that cannot (its exchange unreachable, its rate budget spent, its key
 * refused) is tried again with exponential backoff while the others trade, and the service goes on. Until it
 * connects, {@link #of} has no session for it and {@link #unavailable} says why and when it is tried next; the
 * gauge {@code exbus_oms_account_connected} and the counter {@code exbus_oms_account_connects_total} report it per
 * account.
 */
public final class AccountSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountSessions.class);
    static final String CONNECTED = "exbus.oms.account.connected";
    static final String CONNECTS = "exbus.oms.account.connects";
    static final String INSTRUMENTS_SKIPPED = "exbus.oms.instruments.skipped";
    /** Between two open-order counts of one exchange: 20 a minute, 800 of USD-M's 2,400 weight a minute. */
    private static final Duration COUNT_SPACING = Duration.ofSeconds(3);

    /** One served account: its id, its exchange, its connected role and the checks every order passes. */
    public record Session(String account, String exchange, Oms oms, InstrumentRegistry instruments,
                          OrderPreflight preflight) {
    }

    /** Why a served account has no session, and when it is tried again. */
    public record Unavailable(String reason, Instant nextAttempt) {
    }

    /** How long to wait before the n-th retry of a connection: doubling from {@code first} up to {@code max}. */
    public record Backoff(Duration first, Duration max) {
        Duration after(int failures) {
            long millis = first.toMillis() << Math.min(failures - 1, 20);
            long capped = Math.min(millis, max.toMillis());
            return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        }
    }

    private final class Served {
        final ExchangeAccess.Account account;
        final InstrumentRegistry instruments;
        volatile Session session;
        volatile Unavailable unavailable = new Unavailable("connecting", Instant.EPOCH);
        /** Whether an attempt has failed: the account is then retried in the background, not waited for. */
        volatile boolean failedOnce;
        int failures;

        Served(ExchangeAccess.Account account, InstrumentRegistry instruments) {
            this.account = account;
            this.instruments = instruments;
        }
    }

    private final ExchangeAccess access;
    private final UpdateOutbox outbox;
    private final OpenOrders openOrders;
    private final ServiceMetrics metrics;
    private final Duration timeout;
    private final Backoff backoff;
    private final Clock clock;
    private final Map<String, Served> served = new LinkedHashMap<>();
    private final Map<String, Long> nextCountAt = new HashMap<>();
    private final Map<String, InstrumentRegistry> registries = new HashMap<>();
    private final List<InstrumentRefresher> refreshers = new ArrayList<>();
    /** Accounts connecting at once: each connection mostly waits for its exchange's answers. */
    private static final int CONNECT_THREADS = 16;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private AccountSessions(ExchangeAccess access, List<String> accounts, UpdateOutbox outbox, OpenOrders openOrders,
                            ServiceMetrics metrics, Duration timeout, Backoff backoff, Clock clock) {
        this.access = access;
        this.outbox = outbox;
        this.openOrders = openOrders;
        this.metrics = metrics;
        this.timeout = timeout;
        this.backoff = backoff;
        this.clock = clock;
        for (String id : accounts) {
            ExchangeAccess.Account account = access.account(id).orElseThrow(() ->
                    new IllegalArgumentException("account '" + id + "' is not configured"));
            access.connector(account.exchange()); // an exchange with no connector is a configuration error: fail now
            Served one = new Served(account, registries.computeIfAbsent(account.exchange(), InstrumentRegistry::new));
            served.put(id, one);
            Gauge.builder(CONNECTED, one, s -> s.session != null ? 1 : 0)
                    .description("1 while the account's OMS role is connected, 0 while it is being (re)tried")
                    .tag("account", id).tag("exchange", account.exchange()).register(metrics.registry());
        }
        int connectThreads = Math.max(1, Math.min(accounts.size(), CONNECT_THREADS));
        this.scheduler = Executors.newScheduledThreadPool(connectThreads, r -> {
            Thread t = new Thread(r, "oms-account-connect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts connecting the OMS role of each of {@code accounts}, each on its own, retried with {@code backoff}
     * until it connects; once connected, its open orders are counted into {@code openOrders} in the background,
     * one account of an exchange every 3 s (over the exchange's HTTP API; until then, or after a failure there,
     * which is logged, the count starts at zero and follows the updates).
     *
     * @param timeout the limit on one connection attempt and on the open-order count
     * @throws IllegalArgumentException when an account is not configured or its exchange has no connector
     */
    public static AccountSessions start(ExchangeAccess access, List<String> accounts, UpdateOutbox outbox,
                                        OpenOrders openOrders, ServiceMetrics metrics, Duration timeout,
                                        Backoff backoff) {
        AccountSessions sessions = new AccountSessions(access, accounts, outbox, openOrders, metrics, timeout, backoff,
                Clock.systemUTC());
        sessions.served.values().forEach(s -> sessions.scheduler.execute(() -> sessions.attempt(s)));
        return sessions;
    }

    /**
     * Fetches every served exchange's instrument list again every {@code period} (the first time a period from now;
     * the OMS roles fill their registries when they connect), into the registry its accounts share. What the
     * exchange lists but cannot be used is skipped, logged and counted ({@value #INSTRUMENTS_SKIPPED}, per
     * exchange); instruments no longer listed are refused from then on. Stopped by {@link #close}.
     */
    public synchronized void refreshInstruments(Duration period) {
        registries.forEach((exchange, registry) -> {
            InstrumentRefresher refresher = new InstrumentRefresher(access.connector(exchange),
                    access.settings(exchange), registry).start(period);
            refreshers.add(refresher);
            Gauge.builder(INSTRUMENTS_SKIPPED, refresher, InstrumentRefresher::skipped)
                    .description("Instruments of the exchange's list skipped by refreshes since start, each time "
                            + "with a logged reason").tag("exchange", exchange).register(metrics.registry());
        });
    }

    /** Waits until every account is connected, or {@code max} has passed; whether every account is. */
    public boolean awaitConnected(Duration max) throws InterruptedException {
        awaitEvery(s -> s.session != null, max);
        return allConnected();
    }

    /**
     * Waits until the first attempt of every account has ended, connected or failed, or {@code max} has passed;
     * whether every account is connected. What start-up waits for: an account refused at its first attempt (its
     * key unknown, its address's rate budget spent) is retried with backoff in the background, and waiting for its
     * retries would hold up every other account's commands (a restart ready in 12 s instead of 4 when the
     * exchange's budget was spent by the restarts before it).
     */
    public boolean awaitFirstAttempts(Duration max) throws InterruptedException {
        awaitEvery(s -> s.session != null || s.failedOnce, max);
        return allConnected();
    }

    private void awaitEvery(Predicate<Served> done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!served.values().stream().allMatch(done) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private boolean allConnected() {
        return served.values().stream().allMatch(s -> s.session != null);
    }

    private void attempt(Served one) {
        if (closed) {
            return;
        }
        String id = one.account.id();
        String exchange = one.account.exchange();
        Oms oms = null;
        try {
            ExchangeConnector connector = access.connector(exchange);
            oms = connector.oms(access.settings(exchange), one.account.settings(), one.instruments);
            Result<Void> connected = oms.connect(listener(exchange, outbox, metrics))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!connected.isOk()) {
                failed(one, oms, connected.error().toString());
                return;
            }
            one.session = new Session(id, exchange, oms, one.instruments,
                    new OrderPreflight(oms.capabilities(), one.instruments));
            one.failures = 0;
            connects(one, "connected").increment();
            LOG.info("account {} connected to {} ({} instruments)", id, exchange, one.instruments.size());
            if (closed) {
                oms.close();
                return;
            }
            // After trading starts, not before, and one account of an exchange at a time, COUNT_SPACING apart: the
            // open-order count costs the most request weight of a start (40 on USD-M, 80 on spot, per account), and
            // many accounts on one address restarting within a minute would spend the exchange's budget on it
            // (Binance counts weight per address) and then fail to connect.
            scheduler.schedule(() -> countOpenOrders(connector, one), countDelay(exchange),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            failed(one, oms, "no connection within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(id, oms);
        } catch (Exception e) {
            failed(one, oms, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void failed(Served one, Oms oms, String reason) {
        closeQuietly(one.account.id(), oms);
        one.failures++;
        one.failedOnce = true;
        Duration wait = backoff.after(one.failures);
        one.unavailable = new Unavailable(reason, clock.instant().plus(wait));
        connects(one, "failed").increment();
        LOG.warn("account {} on {} could not connect ({}); trying again in {} ms (attempt {})", one.account.id(),
                one.account.exchange(), reason, wait.toMillis(), one.failures + 1);
        if (!closed) {
            scheduler.schedule(() -> attempt(one), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** When the next open-order count of {@code exchange} may run, in ms from now; books the slot after it. */
    private synchronized long countDelay(String exchange) {
        long now = System.nanoTime();
        long at = Math.max(now, nextCountAt.getOrDefault(exchange, now));
        nextCountAt.put(exchange, at + COUNT_SPACING.toNanos());
        return (at - now) / 1_000_000;
    }

    private Counter connects(Served one, String outcome) {
        return Counter.builder(CONNECTS).description("connection attempts of an account's OMS role, by outcome")
                .tag("account", one.account.id()).tag("exchange", one.account.exchange()).tag("outcome", outcome)
                .register(metrics.registry());
    }

    private void countOpenOrders(ExchangeConnector connector, Served one) {
        ExchangeAccess.Account account = one.account;
        try (DataFetcher fetcher = connector.dataFetcher(access.settings(account.exchange()), account.settings(),
                one.instruments)) {
            Result<List<OrderUpdate>> open = fetcher.openOrders(Optional.empty())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (open.isOk()) {
                open.value().forEach(openOrders::note);
                LOG.info("account {} has {} open orders at start", account.id(), open.value().size());
            } else {
                LOG.warn("account {}: open orders could not be fetched ({}); counting from zero", account.id(),
                        open.error());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("account {}: open orders could not be fetched ({}); counting from zero", account.id(),
                    e.toString());
        }
    }

    private static Oms.Listener listener(String exchange, UpdateOutbox outbox, ServiceMetrics metrics) {
        return new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                outbox.add(update);
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
                metrics.errors("malformed-frame").increment();
                LOG.warn("{}: a frame on {} could not be read: {}", exchange, frame.channel(), frame.reason());
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                LOG.info("{}: {}", exchange, event);
            }

            /** The connector fails requests whose answers may be lost and re-asks the orders; counted here. */
            @Override
            public void onFramesDropped(FramesDropped event) {
                metrics.wsFramesDropped(exchange, event.connection()).increment(event.dropped());
                LOG.warn("{}: {} frames dropped on {}; orders are re-asked", exchange, event.dropped(),
                        event.connection());
            }
        };
    }

    /** The session of a served, connected account. */
    /**
     * The session of {@code account}, waiting up to {@code max} for it to connect (being retried meanwhile); empty
     * if it is not served or still not connected.
     */
    public Optional<Session> await(String account, Duration max) {
        Served one = served.get(account);
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (one != null && one.session == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return one == null ? Optional.empty() : Optional.ofNullable(one.session);
    }

    public Optional<Session> of(String account) {
        Served one = served.get(account);
        return one == null ? Optional.empty() : Optional.ofNullable(one.session);
    }

    /** Whether this OMS serves {@code account} on {@code exchange}, connected or not. */
    public boolean serves(String account, String exchange) {
        Served one = served.get(account);
        return one != null && one.account.exchange().equals(exchange);
    }

    /** Why a served account is not connected, and when it is tried next; empty once it is connected. */
    public Optional<Unavailable> unavailable(String account) {
        Served one = served.get(account);
        return one == null || one.session != null ? Optional.empty() : Optional.of(one.unavailable);
    }

    /** Whether each served account is connected, by account id, in configuration order. */
    public Map<String, Boolean> connected() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        served.forEach((id, one) -> out.put(id, one.session != null));
        return out;
    }

    /** The sessions of every served, connected account of {@code exchange}. */
    public List<Session> onExchange(String exchange) {
        List<Session> out = new ArrayList<>();
        served.values().stream().map(s -> s.session)
                .filter(s -> s != null && s.exchange().equals(exchange)).forEach(out::add);
        return out;
    }

    /** The accounts of {@code exchange} this OMS serves but cannot reach now. */
    public List<String> unavailableOn(String exchange) {
        List<String> out = new ArrayList<>();
        served.forEach((id, one) -> {
            if (one.session == null && one.account.exchange().equals(exchange)) {
                out.add(id);
            }
        });
        return out;
    }

    private static void closeQuietly(String account, Oms oms) {
        if (oms == null) {
            return;
        }
        try {
            oms.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the OMS of account {} failed: {}", account, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        synchronized (this) {
            refreshers.forEach(InstrumentRefresher::close);
        }
        served.values().forEach(s -> {
            Session session = s.session;
            if (session != null) {
                closeQuietly(s.account.id(), session.oms());
            }
        });
    }
}
