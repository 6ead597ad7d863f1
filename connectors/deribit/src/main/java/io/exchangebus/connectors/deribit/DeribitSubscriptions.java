package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.book.FullBookManager;
import io.exchangebus.connectors.core.connection.ConnectionState;
import io.exchangebus.connectors.core.role.Subscription;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.ws.DeribitNotificationHandler;
import io.exchangebus.connectors.deribit.ws.DeribitRpc;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Subscriber's channels: which subscriptions share a channel, subscribing a channel on its first user and
 * unsubscribing it after its last, and the dispatch of each notification to its channel's state (a mapping failure
 * becomes a malformed frame; nothing thrown reaches the connection).
 */
final class DeribitSubscriptions {

    private final DeribitRpc rpc;
    private final Map<String, DeribitStreamState> states;
    private final DeribitMarketFrames frames;
    private final Map<Subscription, Runnable> active = new ConcurrentHashMap<>();
    private final DeribitNotificationHandler.RawFirst dispatch = new Dispatch();

    DeribitSubscriptions(DeribitRpc rpc, Map<String, DeribitStreamState> states, DeribitMarketFrames frames) {
        this.rpc = rpc;
        this.states = states;
        this.frames = frames;
    }

    synchronized CompletableFuture<Result<Subscription>> fullBook(Subscription s, String channel,
                                                                  Supplier<DeribitStreamState.FullBook> make) {
        if (active.containsKey(s)) {
            return done(Result.ok(s));
        }
        DeribitStreamState.FullBook state = (DeribitStreamState.FullBook) states.get(channel);
        boolean fresh = state == null;
        if (fresh) {
            state = make.get();
            states.put(channel, state);
            state.feed.start(rpc.state() == ConnectionState.CONNECTED);
        }
        FullBookManager book = state.feed.book();
        Runnable detach = s.topN() == 0 ? book.attachFullDepth()
                : book.attachTopN(s.topN(), s.interval() == null ? Duration.ZERO : s.interval());
        DeribitStreamState.FullBook kept = state;
        Runnable release = () -> {
            detach.run();
            if (book.unused()) {
                drop(channel, kept);
            }
        };
        return added(s, channel, fresh, release);
    }

    synchronized CompletableFuture<Result<Subscription>> grouped(Subscription s, String channel, int depth) {
        if (active.containsKey(s)) {
            return done(Result.ok(s));
        }
        DeribitStreamState.GroupedBook state = (DeribitStreamState.GroupedBook) states.get(channel);
        boolean fresh = state == null;
        if (fresh) {
            state = new DeribitStreamState.GroupedBook(depth, frames::book);
            states.put(channel, state);
        }
        state.users.merge(s.topN(), 1, Integer::sum);
        DeribitStreamState.GroupedBook kept = state;
        Runnable release = () -> {
            kept.users.computeIfPresent(s.topN(), (n, c) -> c == 1 ? null : c - 1);
            if (kept.users.isEmpty()) {
                drop(channel, kept);
            }
        };
        return added(s, channel, fresh, release);
    }

    synchronized CompletableFuture<Result<Subscription>> trades(Subscription s, String channel) {
        if (active.containsKey(s)) {
            return done(Result.ok(s));
        }
        DeribitStreamState.Trades state = (DeribitStreamState.Trades) states.get(channel);
        boolean fresh = state == null;
        if (fresh) {
            state = new DeribitStreamState.Trades(frames::trade);
            states.put(channel, state);
        }
        state.users++;
        DeribitStreamState.Trades kept = state;
        Runnable release = () -> {
            if (--kept.users == 0) {
                drop(channel, kept);
            }
        };
        return added(s, channel, fresh, release);
    }

    synchronized CompletableFuture<Result<Runnable>> ticker(String channel, Consumer<Ticker> consumer) {
        DeribitStreamState.Tickers state = (DeribitStreamState.Tickers) states.get(channel);
        boolean fresh = state == null;
        if (fresh) {
            state = new DeribitStreamState.Tickers();
            states.put(channel, state);
        }
        state.consumers.add(consumer);
        DeribitStreamState.Tickers kept = state;
        Runnable release = () -> {
            synchronized (this) {
                if (kept.consumers.remove(consumer) && kept.consumers.isEmpty()) {
                    drop(channel, kept);
                }
            }
        };
        CompletableFuture<Result<List<String>>> subscribed = fresh ? rpc.subscribe(List.of(channel), dispatch)
                : done(Result.ok(List.of(channel)));
        return subscribed.thenApply(r -> {
            if (!r.isOk()) {
                release.run();
            }
            return r.map(ok -> release);
        });
    }

    synchronized CompletableFuture<Result<Void>> unsubscribe(Subscription subscription) {
        Runnable release = active.remove(subscription);
        if (release == null) {
            return done(Result.err(new ExchangeError(ErrorKind.NOT_FOUND, DeribitErrors.EXCHANGE, null,
                    "no such subscription: " + subscription, 0, false, null)));
        }
        release.run();
        return done(Result.ok());
    }

    synchronized void stopAll() {
        states.values().forEach(DeribitStreamState::stop);
        states.clear();
        active.clear();
    }

    /**
     * One notification: the raw frame first, then the channel's events, or a malformed frame with the reason. In
     * Deribit's usual layout the frame's bytes (or, declined as bytes, its text) go to the channel's state
     * ({@code DeribitStreamState.onFrame}), read without a tree; otherwise from the exact tree. From bytes, the
     * text is made only for a listener that takes raw frames and for a malformed frame.
     */
    private final class Dispatch implements DeribitNotificationHandler.RawFirst {
        @Override
        public void onRawNotification(String channel, byte[] utf8, Instant received) {
            if (frames.takesRawFrames()) { // the text and the symbol only for a listener that takes them
                frames.raw(channel, symbolOf(channel), new String(utf8, StandardCharsets.UTF_8), received);
            }
            DeribitStreamState state = states.get(channel);
            if (state != null) {
                try {
                    state.onFrame(utf8, received);
                } catch (RuntimeException e) {
                    malformed(channel, new String(utf8, StandardCharsets.UTF_8), received, e);
                }
            }
        }

        @Override
        public void onRawNotification(String channel, String raw, Instant received) {
            DeribitStreamState state = begin(channel, raw, received);
            if (state != null) {
                try {
                    state.onFrame(raw, received);
                } catch (RuntimeException e) {
                    malformed(channel, raw, received, e);
                }
            }
        }

        @Override
        public void onNotification(String channel, JsonNode data, String raw, Instant received) {
            DeribitStreamState state = begin(channel, raw, received);
            if (state != null) {
                try {
                    state.onData(data, received);
                } catch (RuntimeException e) {
                    malformed(channel, raw, received, e);
                }
            }
        }

        private DeribitStreamState begin(String channel, String raw, Instant received) {
            frames.raw(channel, symbolOf(channel), raw, received);
            return states.get(channel);
        }

        /** The instrument a channel names, {@code book.BTC-PERPETUAL.100ms} → BTC-PERPETUAL; null when it names none. */
        private static String symbolOf(String channel) {
            String[] parts = channel.split("\\.");
            return parts.length > 1 ? parts[1] : null;
        }

        private void malformed(String channel, String raw, Instant received, RuntimeException e) {
            frames.malformed(channel, raw, e.getClass().getSimpleName() + ": " + e.getMessage(), received);
        }
    }

    /** Remembers the subscription; subscribes the channel on its first user; undoes both if that is refused. */
    private CompletableFuture<Result<Subscription>> added(Subscription s, String channel, boolean fresh,
                                                          Runnable release) {
        active.put(s, release);
        if (!fresh) {
            return done(Result.ok(s));
        }
        return rpc.subscribe(List.of(channel), dispatch).thenApply(r -> {
            if (!r.isOk()) {
                synchronized (this) {
                    if (active.remove(s, release)) {
                        release.run();
                    }
                }
            }
            return r.map(ok -> s);
        });
    }

    private void drop(String channel, DeribitStreamState state) {
        if (states.remove(channel, state)) {
            state.stop();
            rpc.unsubscribe(List.of(channel));
        }
    }

    private static <T> CompletableFuture<Result<T>> done(Result<T> result) {
        return CompletableFuture.completedFuture(result);
    }
}
