package io.exchangebus.streams.positions;

import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.PositionUpdate;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.streams.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery epochs: an account's state fetched over HTTP, item by item, then an end marker. Positions restart from
 * a successful epoch.
 *
 * <p>POSITION and order items wait in the pending store ({@code exchange:account:itemIndex}) until the marker, so
 * that an epoch is applied whole or not at all; an item of another epoch discards an unfinished one. BALANCE items
 * need no such care (each replaces one balance) and are applied at once, whatever the epoch's outcome.
 *
 * <p>On a successful marker, every instrument of the account (held here, or in the epoch) restarts from the
 * epoch: its quantity and average are the exchange's position (flat when the epoch has none: an exchange that
 * reports positions leaves flat ones out), realised PnL, fees and fill count restart from zero, the reported
 * position is the epoch's, and every order of the epoch becomes its own fill baseline. Spot accounts report no
 * positions: theirs start flat, so they are the net quantity traded since the epoch, with no reported position
 * (reconciliation UNKNOWN) unless the exchange reported one for that instrument before. A failed marker
 * ({@code failureKind} set) discards the epoch: positions keep going from the current state. So does a marker whose
 * counts of POSITION and order items are more than arrived (some were discarded by a newer epoch).
 */
final class RecoveryEpochs {
    private static final Logger log = LoggerFactory.getLogger(RecoveryEpochs.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, RecoverySnapshot> pending;
    private final PositionStates positions;
    private final OrderFills orders;
    private final ExchangeView exchangeView;

    RecoveryEpochs(KeyValueStore<String, RecoverySnapshot> pending, PositionStates positions, OrderFills orders,
                   ExchangeView exchangeView) {
        this.pending = pending;
        this.positions = positions;
        this.orders = orders;
        this.exchangeView = exchangeView;
    }

    /**
     * Takes one item or end marker of an epoch.
     *
     * @throws InvalidEventException if the item belongs to another account than the snapshot (nothing changes)
     */
    void accept(RecoverySnapshot snapshot, Instant now) {
        String exchange = snapshot.getExchange();
        String account = snapshot.getAccount();
        Object item = snapshot.getItem();
        if (item == null) {
            end(snapshot, now);
            return;
        }
        String itemKey = LedgerKeys.epochItem(exchange, account, snapshot.getItemIndex());
        requireSameAccount(snapshot, item);
        String buffered = pendingEpochId(exchange, account);
        if (buffered != null && !buffered.equals(snapshot.getEpochId())) {
            discardPending(exchange, account);
        }
        if (item instanceof BalanceUpdate balance) {
            exchangeView.balance(balance);
        } else if (item instanceof PositionUpdate || item instanceof OrderUpdate) {
            pending.put(itemKey, snapshot);
        }
        // Instruments and account summaries change no position.
    }

    private void end(RecoverySnapshot marker, Instant now) {
        List<RecoverySnapshot> items = discardPending(marker.getExchange(), marker.getAccount());
        if (marker.getFailureKind() != null) {
            return;
        }
        items.removeIf(item -> !item.getEpochId().equals(marker.getEpochId()));
        if (!complete(marker, items)) {
            log.warn("Recovery epoch {} of {}:{} is incomplete (its marker counts {} position and order items, "
                            + "{} arrived, the rest discarded by a newer epoch): positions go on from current state",
                    marker.getEpochId(), marker.getExchange(), marker.getAccount(), expectedItems(marker),
                    items.size());
            return;
        }
        apply(marker, items, now);
    }

    /**
     * Whether every POSITION and order item the marker counts is here. An epoch is written in one transaction, so
     * this fails only when an item of another epoch came between its items and its marker and discarded them.
     * Markers written before the counts existed are taken as complete.
     */
    private static boolean complete(RecoverySnapshot marker, List<RecoverySnapshot> items) {
        Long expected = expectedItems(marker);
        return expected == null || expected == items.size();
    }

    private static Long expectedItems(RecoverySnapshot marker) {
        if (marker.getPositionCount() == null || marker.getOpenOrderCount() == null
                || marker.getOrderHistoryCount() == null) {
            return null;
        }
        return marker.getPositionCount() + marker.getOpenOrderCount() + marker.getOrderHistoryCount();
    }

    private void apply(RecoverySnapshot marker, List<RecoverySnapshot> items, Instant now) {
        String exchange = marker.getExchange();
        String account = marker.getAccount();
        EpochContents epoch = EpochContents.of(items);
        Map<Slot, PositionState> held = new LinkedHashMap<>();
        for (PositionState state : positions.ofAccount(exchange, account)) {
            held.put(new Slot(state.getSubAccount(), state.getInstrumentId()), state);
        }
        Map<Slot, String> slots = new LinkedHashMap<>(epoch.symbols());
        held.forEach((slot, state) -> slots.putIfAbsent(slot, state.getSymbol()));
        for (Map.Entry<Slot, String> slot : slots.entrySet()) {
            restart(marker, slot.getKey(), slot.getValue(), held.get(slot.getKey()), epoch, now);
        }
        exchangeView.resetHedgeLegs(exchange, account, epoch.allReports());
        orders.rebase(epoch.orders().values(), now);
    }

    /** Restarts one instrument's position (of the account, or of one of its sub-accounts) from the epoch. */
    private void restart(RecoverySnapshot marker, Slot slot, String symbol, PositionState previous,
                         EpochContents epoch, Instant now) {
        List<PositionUpdate> reports = epoch.reports().get(slot);
        ReportedPosition reported = reported(reports, !epoch.reports().isEmpty(), previous);
        PositionUpdate latest = reports == null ? null : reports.get(reports.size() - 1);
        PositionState.Builder next = PositionStates.edit(previous, marker.getExchange(), marker.getAccount(),
                        slot.subAccount(), symbol, slot.instrumentId())
                .setQuantity(reported == null ? BigDecimal.ZERO : reported.quantity())
                .setAverageEntryPrice(reported == null ? null : reported.entryPrice())
                .setRealizedPnl(BigDecimal.ZERO)
                .setFees(new HashMap<>())
                .setFillCount(0)
                .setReportedQuantity(reported == null ? null : reported.quantity())
                .setReportedEntryPrice(reported == null ? null : reported.entryPrice())
                .setEpochId(marker.getEpochId())
                .setUpdateTime(latest == null ? now
                        : PositionStates.eventTime(latest.getExchangeTime(), latest.getReceiveTime(), now));
        positions.save(LedgerKeys.position(marker.getExchange(), marker.getAccount(), slot.subAccount(),
                slot.instrumentId()), previous, next, now);
    }

    /**
     * The epoch's position of one instrument: its reports; flat when it has none but the account reports positions
     * (in this epoch, or for this instrument before); null (nothing reported) otherwise, as for spot.
     */
    private static ReportedPosition reported(List<PositionUpdate> reports, boolean accountReportsPositions,
                                             PositionState previous) {
        if (reports != null) {
            return ReportedPosition.of(reports);
        }
        if (accountReportsPositions || (previous != null && previous.getReportedQuantity() != null)) {
            return ReportedPosition.FLAT;
        }
        return null;
    }

    private static void requireSameAccount(RecoverySnapshot snapshot, Object item) {
        String key = LedgerKeys.account(snapshot.getExchange(), snapshot.getAccount());
        if (item instanceof BalanceUpdate balance) {
            LedgerKeys.requireAccount(key, balance.getExchange(), balance.getAccount(), "epoch balance item");
            LedgerKeys.balance(balance.getExchange(), balance.getAccount(), balance.getSubAccount(),
                    balance.getAsset());
        } else if (item instanceof PositionUpdate report) {
            LedgerKeys.requireAccount(key, report.getExchange(), report.getAccount(), "epoch position item");
            LedgerKeys.position(report.getExchange(), report.getAccount(), report.getSubAccount(),
                    report.getInstrumentId());
        } else if (item instanceof OrderUpdate order) {
            LedgerKeys.requireAccount(key, order.getExchange(), order.getAccount(), "epoch order item");
            LedgerKeys.order(order.getExchange(), order.getAccount(), order.getExchangeOrderId());
            LedgerKeys.position(order.getExchange(), order.getAccount(), null, order.getInstrumentId());
        }
    }

    /** The epoch whose items wait for their marker, or null: they all share one (any other was discarded). */
    private String pendingEpochId(String exchange, String account) {
        try (KeyValueIterator<String, RecoverySnapshot> it =
                     pending.prefixScan(LedgerKeys.accountPrefix(exchange, account), KEYS)) {
            return it.hasNext() ? it.next().value.getEpochId() : null;
        }
    }

    /** Removes and returns the account's pending items, in epoch order. */
    private List<RecoverySnapshot> discardPending(String exchange, String account) {
        List<KeyValue<String, RecoverySnapshot>> found = new ArrayList<>();
        try (KeyValueIterator<String, RecoverySnapshot> it =
                     pending.prefixScan(LedgerKeys.accountPrefix(exchange, account), KEYS)) {
            it.forEachRemaining(found::add);
        }
        List<RecoverySnapshot> items = new ArrayList<>(found.size());
        for (KeyValue<String, RecoverySnapshot> entry : found) {
            pending.delete(entry.key);
            items.add(entry.value);
        }
        return items;
    }

    /** One position of the account: an instrument of the account itself (null sub-account) or of a sub-account. */
    private record Slot(String subAccount, String instrumentId) {
    }

    /**
     * The POSITION and order items of one epoch.
     *
     * @param reports the position reports per slot (hedge-mode legs are several), in epoch order
     * @param symbols the exchange's symbol per slot, for every instrument reported or ordered (orders, which carry
     *                no sub-account, the account's own)
     * @param orders  the orders per exchangeOrderId: of an order both open and in the history, the one filled
     *                furthest (the latest)
     */
    private record EpochContents(Map<Slot, List<PositionUpdate>> reports, Map<Slot, String> symbols,
                                 Map<String, OrderUpdate> orders) {
        static EpochContents of(List<RecoverySnapshot> items) {
            EpochContents epoch = new EpochContents(new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new LinkedHashMap<>());
            for (RecoverySnapshot snapshot : items) {
                if (snapshot.getItem() instanceof PositionUpdate report) {
                    Slot slot = new Slot(report.getSubAccount(), report.getInstrumentId());
                    epoch.reports.computeIfAbsent(slot, id -> new ArrayList<>()).add(report);
                    epoch.symbols.putIfAbsent(slot, report.getSymbol());
                } else if (snapshot.getItem() instanceof OrderUpdate order) {
                    epoch.orders.merge(order.getExchangeOrderId(), order, (a, b) ->
                            b.getFilledQuantity().compareTo(a.getFilledQuantity()) >= 0 ? b : a);
                    epoch.symbols.putIfAbsent(new Slot(null, order.getInstrumentId()), order.getSymbol());
                }
            }
            return epoch;
        }

        List<PositionUpdate> allReports() {
            List<PositionUpdate> all = new ArrayList<>();
            reports.values().forEach(all::addAll);
            return all;
        }
    }
}
