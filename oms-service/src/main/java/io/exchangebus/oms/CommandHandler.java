package io.exchangebus.oms;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.events.AckStatus;
import io.exchangebus.events.CancelAll;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one decoded command and says its ack: the checks before sending (account, expiry, kill switch,
 * instrument and trading rules, risk limits), the request to the exchange, and the recovery of an order whose
 * fate is unsure. Called on the lanes' threads: commands of different accounts at once, each account's in order.
 *
 * <p>When {@code uncertain} (a command that an earlier process may already have sent: read again after a restart
 * or after an aborted transaction), its outcome is settled at the exchange before anything else, expiry included:
 * a place or replace asks for the order under the client order id its exchange's contract derives
 * ({@link io.exchangebus.connectors.core.role.ClientOrderIdScheme}), and if the exchange has it the ack is
 * ACCEPTED with that order, its state is written, and nothing is sent; a cancel asks for the order it names, and
 * is ACCEPTED when that order is canceled. Only what the exchange shows nothing of goes on to the checks, so
 * EXPIRED always means "never reached the exchange". A request without an answer (timeout, lost connection) is
 * settled the same way after the fact. If the exchange cannot be asked, {@link RetryLaterException} asks the loop
 * to try again later rather than risk a second order or a wrong answer.
 */
public final class CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    /** A command's ack and the updates its handling found (a recovered order's state). */
    public record Handled(OrderAck ack, List<OrderUpdate> updates) {
    }

    private final AccountSessions sessions;
    private final RiskChecks risk;
    private final TopOfBook books;
    private final ClientOrderIds ids;
    private final Acks acks;
    private final OmsMetrics metrics;
    private final Clock clock;
    private final ExchangeCalls calls;
    private final Settlement settlement;
    private final Duration uncertainHold;

    public CommandHandler(AccountSessions sessions, RiskChecks risk, TopOfBook books, ClientOrderIds ids,
                          OmsMetrics metrics, Clock clock, Duration ackTimeout, Duration uncertainHold) {
        this.uncertainHold = uncertainHold;
        this.sessions = sessions;
        this.risk = risk;
        this.books = books;
        this.ids = ids;
        this.acks = new Acks(clock);
        this.metrics = metrics;
        this.clock = clock;
        this.calls = new ExchangeCalls(metrics, ackTimeout);
        this.settlement = new Settlement(acks, ids, metrics, calls);
    }

    public Acks acks() {
        return acks;
    }

    /**
     * @param uncertain whether an earlier process may have sent this command already
     * @param killSwitch the kill switches of the poll this command came in
     */
    public Handled handle(OrderCommand command, boolean uncertain, KillSwitch killSwitch) {
        Object action = command.getAction();
        String clientOrderId = clientOrderIdOf(action);
        boolean expired = command.getExpiresAt() != null && command.getExpiresAt().isBefore(clock.instant());
        // EXPIRED says "never reached the exchange". An uncertain cancel-all may have reached it, and cannot be
        // looked up: it is sent again, whatever its expiry (canceling is the safe direction).
        boolean resend = uncertain && action instanceof CancelAll;
        if (action instanceof CancelAll && KillSwitch.ALL_ACCOUNTS.equals(command.getAccount())) {
            return only(expired && !resend ? acks.expired(command, null)
                    : cancelAllOnExchange(command, (CancelAll) action));
        }
        if (!sessions.serves(command.getAccount(), command.getExchange())) {
            return only(acks.rejected(command, clientOrderId, new Refusal(ErrorKind.INVALID_ORDER,
                    "UNKNOWN_ACCOUNT", "account " + command.getAccount() + " on " + command.getExchange()
                    + " is not served by this OMS", false, null)));
        }
        Optional<AccountSessions.Session> session = sessions.of(command.getAccount());
        if (session.isEmpty() && uncertain) {
            // It may be at the exchange: wait for the account (only its lane waits) rather than ack it unsettled.
            session = sessions.await(command.getAccount(), uncertainHold);
        }
        if (session.isEmpty()) {
            return only(unreachable(command, clientOrderId, uncertain, expired && !resend));
        }
        Optional<Refusal> badId = refusedClientOrderId(session.get(), action);
        if (badId.isPresent()) {
            return only(acks.rejected(command, clientOrderId, badId.get()));
        }
        if (uncertain && session.get().oms().clientOrderIds().mustLookUpBeforeResend()) {
            // What may have reached the exchange is settled there first, before any check: an order it has is
            // ACCEPTED whatever the command's expiry, and the order's state is written. Every contract asks for
            // this (ClientOrderIdScheme.mustLookUpBeforeResend): where the exchange does not enforce unique ids
            // (a label) a resend is a second order, and where it refuses them while the first is open, a resend
            // after that order filled is a second order too.
            Optional<Handled> settled = settlement.settle(command, session.get(), action);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        if (expired && !resend) {
            return only(acks.expired(command, clientOrderId));
        }
        if ((action instanceof PlaceOrder || action instanceof ReplaceOrder)
                && killSwitch.stops(command.getExchange(), command.getAccount())) {
            return only(acks.rejected(command, clientOrderId, Refusal.invalid("KILL_SWITCH", "a cancel-all of "
                    + command.getExchange() + ":" + command.getAccount() + " came in the same poll")));
        }
        if (action instanceof PlaceOrder) {
            return place(command, session.get(), (PlaceOrder) action);
        }
        if (action instanceof CancelOrder) {
            return only(cancel(command, session.get(), (CancelOrder) action));
        }
        if (action instanceof ReplaceOrder) {
            return replace(command, session.get(), (ReplaceOrder) action);
        }
        return only(cancelAll(command, List.of(session.get()), (CancelAll) action));
    }

    /**
     * The ack of a command for a served account that is not connected (being retried). Nothing is sent, so a
     * command that no earlier process can have sent is EXPIRED if expired, else REJECTED with a retryable
     * {@code ACCOUNT_UNAVAILABLE} and when the account is tried next. One that may have been sent waits up to
     * {@code oms.uncertain-hold} for the account to connect and be asked; if it still cannot be settled, its ack says
     * that its outcome is unknown ({@code OUTCOME_UNKNOWN}) rather than claim it never happened.
     */
    private OrderAck unreachable(OrderCommand command, String clientOrderId, boolean uncertain, boolean expired) {
        AccountSessions.Unavailable why = sessions.unavailable(command.getAccount())
                .orElse(new AccountSessions.Unavailable("connecting", clock.instant()));
        String account = "account " + command.getAccount() + " on " + command.getExchange();
        if (uncertain) {
            return acks.rejected(command, clientOrderId, new Refusal(ErrorKind.NETWORK, "OUTCOME_UNKNOWN", account
                    + " cannot be reached (" + why.reason() + ") to settle this command, which an earlier OMS "
                    + "process may have sent: look the order up at the exchange before sending it again", false,
                    null));
        }
        if (expired) {
            return acks.expired(command, clientOrderId);
        }
        long retryAfter = Math.max(0, Duration.between(clock.instant(), why.nextAttempt()).toMillis());
        return acks.rejected(command, clientOrderId, new Refusal(ErrorKind.NETWORK, "ACCOUNT_UNAVAILABLE", account
                + " is not connected (" + why.reason() + "); nothing was sent", true, retryAfter));
    }

    private Handled place(OrderCommand command, AccountSessions.Session session, PlaceOrder order) {
        String ours = order.getClientOrderId();
        Result<InstrumentDefinition> checked = session.preflight().check(order, referencePrice(session, order));
        if (!checked.isOk()) {
            return only(acks.rejected(command, ours, Refusal.of(checked.error())));
        }
        Optional<Refusal> refused = risk.check(session.account(), checked.value(), order);
        if (refused.isPresent()) {
            return only(acks.rejected(command, ours, refused.get()));
        }
        String theirs = settlement.theirs(session, ours);
        PlaceOrder sent = PlaceOrder.newBuilder(order).setClientOrderId(theirs).build();
        Result<OrderAccepted> answer = calls.call(session, "place", () -> session.oms().place(sent));
        if (answer.isOk()) {
            recordLatency(command, session.exchange(), answer.value());
            return only(acks.accepted(command, ours, answer.value().exchangeOrderId()));
        }
        if (unanswered(answer.error())) {
            Optional<Handled> found = settlement.recover(command, session, order.getSymbol(), ours, theirs);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return only(acks.rejected(command, ours, Refusal.of(answer.error())));
    }

    private OrderAck cancel(OrderCommand command, AccountSessions.Session session, CancelOrder cancel) {
        String ours = cancel.getClientOrderId();
        CancelOrder sent = CancelOrder.newBuilder(cancel)
                .setClientOrderId(settlement.theirs(session, ours)).build();
        Result<OrderAccepted> answer = calls.call(session, "cancel", () -> session.oms().cancel(sent));
        if (!answer.isOk()) {
            return acks.rejected(command, ours, Refusal.of(answer.error()));
        }
        return acks.accepted(command, ours != null ? ours
                : ids.toOurs(session.exchange(), answer.value().clientOrderId()),
                answer.value().exchangeOrderId());
    }

    private Handled replace(OrderCommand command, AccountSessions.Session session, ReplaceOrder replace) {
        String ours = replace.getNewClientOrderId();
        Optional<InstrumentDefinition> instrument = session.instruments().bySymbol(replace.getSymbol());
        if (instrument.isEmpty()) {
            return only(acks.rejected(command, ours, Refusal.invalid("UNKNOWN_INSTRUMENT", replace.getSymbol()
                    + " is not listed on " + session.exchange())));
        }
        Optional<Refusal> refused = risk.check(instrument.get(), replace);
        if (refused.isPresent()) {
            return only(acks.rejected(command, ours, refused.get()));
        }
        String theirs = settlement.theirs(session, ours);
        ReplaceOrder sent = ReplaceOrder.newBuilder(replace)
                .setClientOrderId(settlement.theirs(session, replace.getClientOrderId())).setNewClientOrderId(theirs).build();
        Result<OrderAccepted> answer = calls.call(session, "replace", () -> session.oms().replace(sent));
        if (!answer.isOk()) {
            return only(acks.rejected(command, ours, Refusal.of(answer.error())));
        }
        recordLatency(command, session.exchange(), answer.value());
        return only(acks.accepted(command, ids.toOurs(session.exchange(), answer.value().clientOrderId()),
                answer.value().exchangeOrderId()));
    }

    private OrderAck cancelAllOnExchange(OrderCommand command, CancelAll cancelAll) {
        List<AccountSessions.Session> served = sessions.onExchange(command.getExchange());
        List<String> unreachable = sessions.unavailableOn(command.getExchange());
        if (served.isEmpty() && unreachable.isEmpty()) {
            return acks.rejected(command, null, new Refusal(ErrorKind.INVALID_ORDER, "UNKNOWN_ACCOUNT",
                    "this OMS serves no account on " + command.getExchange(), false, null));
        }
        OrderAck ack = cancelAll(command, served, cancelAll);
        if (!unreachable.isEmpty() && ack.getStatus() == AckStatus.ACCEPTED) {
            return acks.rejected(command, null, new Refusal(ErrorKind.NETWORK, "ACCOUNT_UNAVAILABLE", "canceled on "
                    + served.size() + " accounts of " + command.getExchange() + ", but not on " + unreachable
                    + ", which are not connected", true, null));
        }
        return ack;
    }

    /** Cancels on every session, each tried even when one fails; REJECTED with the first error if any failed. */
    private OrderAck cancelAll(OrderCommand command, List<AccountSessions.Session> targets, CancelAll cancelAll) {
        ExchangeError first = null;
        for (AccountSessions.Session session : targets) {
            Result<Integer> answer = calls.call(session, "cancel-all", () -> session.oms().cancelAll(cancelAll));
            if (answer.isOk()) {
                LOG.info("kill switch: canceled {} orders of {} on {}", answer.value(), session.account(),
                        session.exchange());
            } else if (first == null) {
                first = answer.error();
            }
        }
        return first == null ? acks.accepted(command, null, null) : acks.rejected(command, null, Refusal.of(first));
    }

    private void recordLatency(OrderCommand command, String exchange, OrderAccepted accepted) {
        Instant at = accepted.exchangeTime() != null ? accepted.exchangeTime() : clock.instant();
        Duration latency = Duration.between(command.getCreatedAt(), at);
        if (!latency.isNegative()) {
            metrics.commandToExchange(exchange).record(latency);
        }
    }

    private BigDecimal referencePrice(AccountSessions.Session session, PlaceOrder order) {
        if (order.getOrderType() != OrderType.MARKET) {
            return order.getOrderType() == OrderType.STOP_MARKET ? order.getStopPrice() : null;
        }
        return books.best(session.exchange(), order.getSymbol())
                .map(b -> order.getSide() == Side.BUY ? b.ask() : b.bid()).orElse(null);
    }

    /**
     * The client-order-id pairs of these commands whose ours the exchange's id does not give back (hashed under
     * the exchange's contract): the caller persists them before any of the commands can be sent, so that a
     * restarted OMS still writes their updates under our id. Commands of accounts not connected are left out:
     * nothing of theirs is sent.
     */
    public List<ClientOrderIds.Pair> pairsToPersist(List<OrderCommand> commands) {
        List<ClientOrderIds.Pair> pairs = new ArrayList<>();
        for (OrderCommand command : commands) {
            Object action = command.getAction();
            String ours = action instanceof PlaceOrder || action instanceof ReplaceOrder ? clientOrderIdOf(action)
                    : null;
            Optional<AccountSessions.Session> session = ours == null ? Optional.empty()
                    : sessions.of(command.getAccount());
            if (session.isPresent()) {
                ClientOrderIds.Pair pair = ClientOrderIds.toPersist(session.get().exchange(),
                        session.get().oms().clientOrderIds(), ours);
                if (pair != null) {
                    pairs.add(pair);
                }
            }
        }
        return pairs;
    }

    /** A client order id the exchange's contract cannot take, refused before anything is asked or sent. */
    private static Optional<Refusal> refusedClientOrderId(AccountSessions.Session session, Object action) {
        List<String> named = new ArrayList<>();
        if (action instanceof PlaceOrder) {
            named.add(((PlaceOrder) action).getClientOrderId());
        } else if (action instanceof ReplaceOrder) {
            named.add(((ReplaceOrder) action).getClientOrderId());
            named.add(((ReplaceOrder) action).getNewClientOrderId());
        } else if (action instanceof CancelOrder && ((CancelOrder) action).getClientOrderId() != null) {
            named.add(((CancelOrder) action).getClientOrderId());
        }
        for (String ours : named) {
            Result<String> theirs = session.oms().clientOrderIds().toExchange(ours);
            if (!theirs.isOk()) {
                return Optional.of(Refusal.of(theirs.error()));
            }
        }
        return Optional.empty();
    }

    private static boolean unanswered(ExchangeError error) {
        return error.kind() == ErrorKind.TIMEOUT || error.kind() == ErrorKind.NETWORK;
    }

    static String clientOrderIdOf(Object action) {
        if (action instanceof PlaceOrder) {
            return ((PlaceOrder) action).getClientOrderId();
        }
        if (action instanceof CancelOrder) {
            return ((CancelOrder) action).getClientOrderId();
        }
        if (action instanceof ReplaceOrder) {
            return ((ReplaceOrder) action).getNewClientOrderId();
        }
        return null;
    }

    private static Handled only(OrderAck ack) {
        return new Handled(ack, new ArrayList<>());
    }
}
