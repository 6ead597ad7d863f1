package io.exchangebus.ingest;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named subscriptions running now, across exchanges: added at start from the configuration and while running
 * from the admin API, removed by name. Each exchange's feed is opened with its first subscription. One change at a
 * time (changes wait for the exchange's answer); reads are cheap. Thread-safe.
 */
final class Subscriptions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    /** Why a change was refused, with the HTTP status the admin API answers. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The open feed of a configured exchange. */
    @FunctionalInterface
    interface Feeds {
        /** @throws Refused 404 if the exchange is not configured, 502 if it cannot be reached */
        ExchangeFeed feed(String exchange) throws Refused;
    }

    private record Active(SubscriptionSpec spec, ExchangeFeed feed, List<Subscription> subscriptions) {
    }

    private final Feeds feeds;
    private final Map<String, Active> active = new LinkedHashMap<>();

    /** @param feeds the open feed of a configured exchange, opened on first use */
    Subscriptions(Feeds feeds) {
        this.feeds = feeds;
    }

    /**
     * Subscribes {@code spec}, replacing the subscription of the same name if there is one.
     *
     * @throws Refused 400 if the exchange does not list the symbol, 409 if another subscription has the instrument,
     *     502 if the exchange refuses or does not answer
     */
    synchronized void put(SubscriptionSpec spec) throws Refused {
        for (Active other : active.values()) {
            if (!other.spec().name().equals(spec.name()) && other.spec().key().equals(spec.key())) {
                throw new Refused(409, spec.key() + " is already subscribed as '" + other.spec().name() + "'");
            }
        }
        ExchangeFeed feed = feeds.feed(spec.exchange());
        InstrumentDefinition instrument = feed.instrument(spec.symbol()).orElseThrow(() -> new Refused(400,
                "exchange " + spec.exchange() + " lists no symbol '" + spec.symbol() + "'"));
        remove(spec.name());
        Result<List<Subscription>> result = feed.subscribe(spec, instrument);
        if (!result.isOk()) {
            throw new Refused(502, "exchange " + spec.exchange() + " refused " + spec.symbol() + ": "
                    + result.error());
        }
        active.put(spec.name(), new Active(spec, feed, result.value()));
        LOG.info("subscribed {}: {} (book {}, depth {}, trades {}, tickers {})", spec.name(), spec.key(),
                spec.book(), spec.bookDepth(), spec.trades(), spec.tickers());
    }

    /** Unsubscribes {@code name}; whether there was one. */
    synchronized boolean remove(String name) {
        Active gone = active.remove(name);
        if (gone == null) {
            return false;
        }
        gone.feed().unsubscribe(gone.spec(), gone.subscriptions());
        LOG.info("unsubscribed {}: {}", name, gone.spec().key());
        return true;
    }

    /** The subscriptions running now, in the order they were added. */
    synchronized List<SubscriptionSpec> list() {
        List<SubscriptionSpec> specs = new ArrayList<>();
        active.values().forEach(a -> specs.add(a.spec()));
        return specs;
    }

    synchronized Optional<SubscriptionSpec> find(String name) {
        return Optional.ofNullable(active.get(name)).map(Active::spec);
    }

    /** Whether the feed of every running subscription is connected. */
    synchronized boolean allConnected() {
        return active.values().stream().allMatch(a -> a.feed().connected());
    }

    @Override
    public synchronized void close() {
        active.clear();
    }
}
