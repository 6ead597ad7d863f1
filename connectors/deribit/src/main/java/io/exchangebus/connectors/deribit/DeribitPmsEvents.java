package io.exchangebus.connectors.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.avro.ExactDecimals;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.connectors.deribit.http.DeribitErrors;
import io.exchangebus.connectors.deribit.mapping.AccountMapping;
import io.exchangebus.connectors.deribit.mapping.PositionMapping;
import io.exchangebus.connectors.deribit.mapping.PositionMapping.Position;
import io.exchangebus.connectors.deribit.mapping.PrivateContext;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.PositionUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Deribit PMS tells its listener, from the stream ({@code user.portfolio.*}, {@code user.changes.*}) and
 * from recovery ({@code get_positions}, {@code get_account_summary}), one call at a time: stream notifications come
 * on the connection's consumer thread, recovery answers on HTTP threads, and the listener sees them in one order.
 *
 * <p>A recovery answer may have been read before a stream notification that is delivered first; so a recovered
 * position or currency is only reported when the stream said nothing of it since the recovery was asked for (the
 * stream's is newer). A position recovery does not list (Deribit leaves flat positions out) but which was open is
 * reported flat. Frames that cannot be mapped are reported and counted; nothing is thrown to the connection.
 */
final class DeribitPmsEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DeribitPmsEvents.class);
    private static final String PORTFOLIO = "user.portfolio.";
    private static final String CHANGES = "user.changes.";

    private final Supplier<Pms.Listener> listener;
    private final BooleanSupplier closed;
    private final PrivateContext stream;
    /** The last position per symbol, flat ones included; read by {@link DeribitPms#positions()}. */
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    /** When the stream last spoke of a position ({@code p:SYMBOL}) or a currency ({@code c:CURRENCY}). */
    private final Map<String, Instant> streamed = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();

    DeribitPmsEvents(Supplier<Pms.Listener> listener, BooleanSupplier closed, PrivateContext stream) {
        this.listener = listener;
        this.closed = closed;
        this.stream = stream;
    }

    /** A notification of a subscribed channel ({@code DeribitNotificationHandler}). */
    void onNotification(String channel, JsonNode data, String raw, Instant receivedAt) {
        try {
            if (channel.startsWith(PORTFOLIO)) {
                AccountUpdate account = AccountMapping.account(data, stream, receivedAt);
                BalanceUpdate balance = AccountMapping.balance(data, stream, receivedAt);
                deliver(l -> {
                    streamed.put("c:" + balance.getAsset(), receivedAt);
                    l.onAccount(account);
                    l.onBalance(balance);
                });
            } else if (channel.startsWith(CHANGES)) {
                JsonNode items = data.has("positions") ? data.get("positions") : data.get("position");
                if (items != null && !items.isNull()) {
                    List<Position> mapped = PositionMapping.positions(items, stream, receivedAt);
                    deliver(l -> mapped.forEach(p -> {
                        streamed.put("p:" + p.update().getSymbol(), receivedAt);
                        report(l, p);
                    }));
                }
            } else {
                malformed(channel, raw, "channel '" + channel + "' is not the PMS's", receivedAt);
            }
        } catch (RuntimeException e) {
            // UnmappableMessageException, or a value our model refuses (beyond decimal(38,18)): one bad frame
            // must not end the stream, so it is reported with its reason instead.
            malformed(channel, raw, e.getMessage(), receivedAt);
        }
    }

    /** Recovered positions, asked for at {@code askedAt}; positions open here but not listed are reported flat. */
    void recoveredPositions(List<Position> fetched, Instant askedAt, Instant receivedAt) {
        deliver(l -> {
            Set<String> listed = new HashSet<>();
            for (Position p : fetched) {
                String symbol = p.update().getSymbol();
                listed.add(symbol);
                if (!newerOnStream("p:" + symbol, askedAt)) {
                    report(l, p);
                }
            }
            for (Position open : List.copyOf(positions.values())) {
                String symbol = open.update().getSymbol();
                if (!listed.contains(symbol) && open.update().getQuantity().signum() != 0
                        && !newerOnStream("p:" + symbol, askedAt)) {
                    report(l, flat(open, receivedAt));
                }
            }
        });
    }

    /** Recovered account figures and balances of each currency, asked for at {@code askedAt}. */
    void recoveredAccount(List<AccountUpdate> accounts, List<BalanceUpdate> balances, Instant askedAt) {
        deliver(l -> {
            for (int i = 0; i < balances.size(); i++) {
                if (!newerOnStream("c:" + balances.get(i).getAsset(), askedAt)) {
                    l.onAccount(accounts.get(i));
                    l.onBalance(balances.get(i));
                }
            }
        });
    }

    /** Reports a frame or answer that could not be mapped, and counts it. */
    void malformed(String channel, String raw, String reason, Instant receivedAt) {
        malformed.incrementAndGet();
        LOG.warn("{}: malformed {} frame: {}", DeribitErrors.EXCHANGE, channel, reason);
        deliver(l -> l.onMalformedFrame(new MalformedFrame(DeribitErrors.EXCHANGE, channel, raw, reason,
                receivedAt)));
    }

    long malformedCount() {
        return malformed.get();
    }

    Map<String, Position> positions() {
        return Map.copyOf(positions);
    }

    private void report(Pms.Listener l, Position p) {
        positions.put(p.update().getSymbol(), p);
        l.onPosition(p.update());
    }

    private boolean newerOnStream(String key, Instant askedAt) {
        Instant last = streamed.get(key);
        return last != null && !last.isBefore(askedAt);
    }

    private synchronized void deliver(Consumer<Pms.Listener> call) {
        Pms.Listener l = listener.get();
        if (l != null && !closed.getAsBoolean()) {
            call.accept(l);
        }
    }

    /** {@code open} closed while we did not hear of it: size 0, nothing to value, marked RECOVERY. */
    static Position flat(Position open, Instant receivedAt) {
        BigDecimal zero = ExactDecimals.exact("size", BigDecimal.ZERO);
        PositionUpdate update = PositionUpdate.newBuilder(open.update())
                .setQuantity(zero).setEntryPrice(null).setUnrealizedPnl(null).setRealizedPnl(null)
                .setLiquidationPrice(null).setMarkPrice(null)
                .setReceiveTime(receivedAt).setSource(EventSource.RECOVERY)
                .build();
        return new Position(update, zero, null, open.kind());
    }
}
