package io.exchangebus.oms;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderPreflight;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.ops.ServiceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS role of every served account, connected, with one instrument registry per exchange shared by its
 * accounts. Every order update a role reports goes to the {@link UpdateOutbox}. Built and connected by
 * {@link #connect}, which fails (naming the account, never a secret) if any account cannot connect.
 */
public final class AccountSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountSessions.class);

    /** One served account: its id, its exchange, its connected role and the checks every order passes. */
    public record Session(String account, String exchange, Oms oms, InstrumentRegistry instruments,
                          OrderPreflight preflight) {
    }

    private final Map<String, Session> byAccount;

    private AccountSessions(Map<String, Session> byAccount) {
        this.byAccount = byAccount;
    }

    /**
     * Connects the OMS role of each of {@code accounts}, then counts each account's open orders into
     * {@code openOrders} (over the exchange's HTTP API; a failure there is logged and the count starts at zero).
     */
    public static AccountSessions connect(ExchangeAccess access, List<String> accounts, UpdateOutbox outbox,
                                          OpenOrders openOrders, ServiceMetrics metrics, Duration timeout)
            throws Exception {
        Map<String, InstrumentRegistry> registries = new HashMap<>();
        Map<String, Session> sessions = new LinkedHashMap<>();
        AccountSessions built = new AccountSessions(sessions);
        try {
            for (String id : accounts) {
                ExchangeAccess.Account account = access.account(id).orElseThrow(() ->
                        new IllegalArgumentException("account '" + id + "' is not configured"));
                ExchangeConnector connector = access.connector(account.exchange());
                InstrumentRegistry instruments = registries.computeIfAbsent(account.exchange(),
                        InstrumentRegistry::new);
                Oms oms = connector.oms(access.settings(account.exchange()), account.settings(), instruments);
                Result<Void> connected = oms.connect(listener(account.exchange(), outbox, metrics))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!connected.isOk()) {
                    oms.close();
                    throw new IllegalStateException("account " + id + " on " + account.exchange()
                            + " could not connect: " + connected.error());
                }
                sessions.put(id, new Session(id, account.exchange(), oms, instruments,
                        new OrderPreflight(oms.capabilities(), instruments)));
                LOG.info("account {} connected to {} ({} instruments)", id, account.exchange(), instruments.size());
                countOpenOrders(connector, access, account, instruments, openOrders, timeout);
            }
        } catch (Exception e) {
            built.close();
            throw e;
        }
        return built;
    }

    private static void countOpenOrders(ExchangeConnector connector, ExchangeAccess access,
                                        ExchangeAccess.Account account, InstrumentRegistry instruments,
                                        OpenOrders openOrders, Duration timeout) {
        try (DataFetcher fetcher = connector.dataFetcher(access.settings(account.exchange()), account.settings(),
                instruments)) {
            Result<List<OrderUpdate>> open = fetcher.openOrders(Optional.empty())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (open.isOk()) {
                open.value().forEach(openOrders::note);
                LOG.info("account {} has {} open orders at start", account.id(), open.value().size());
            } else {
                LOG.warn("account {}: open orders could not be fetched ({}); counting from zero", account.id(),
                        open.error());
            }
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
        };
    }

    /** The session of a served account. */
    public Optional<Session> of(String account) {
        return Optional.ofNullable(byAccount.get(account));
    }

    /** The sessions of every served account of {@code exchange}. */
    public List<Session> onExchange(String exchange) {
        List<Session> out = new ArrayList<>();
        byAccount.values().stream().filter(s -> s.exchange().equals(exchange)).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        byAccount.values().forEach(s -> {
            try {
                s.oms().close();
            } catch (RuntimeException e) {
                LOG.warn("closing the OMS of account {} failed: {}", s.account(), e.toString());
            }
        });
    }
}
