package io.exchangebus.oms;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.ErrorKind;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles at the exchange what a command may already have done there, before anything else is decided about it:
 * the order a place or replace made, the order a cancel named. A command an earlier process may have sent, or one
 * whose request went unanswered, is answered from the exchange's view instead of being sent again; when the
 * exchange shows nothing of it, the handler goes on as for any command. Also maps our client order ids to the
 * exchange's, under its contract.
 */
final class Settlement {
    /** Under the handler's name, as before the split: operators search its "acking it instead of sending". */
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final Acks acks;
    private final ClientOrderIds ids;
    private final OmsMetrics metrics;
    private final ExchangeCalls calls;

    Settlement(Acks acks, ClientOrderIds ids, OmsMetrics metrics, ExchangeCalls calls) {
        this.acks = acks;
        this.ids = ids;
        this.metrics = metrics;
        this.calls = calls;
    }

    /**
     * The outcome at the exchange of a command that may have been sent: the order a place or replace made, or the
     * order a cancel named when the cancel has done its work (or no cancel could). Empty when the exchange shows
     * nothing of it: the command is then handled as any other, expiry included.
     *
     * @throws RetryLaterException when the exchange cannot be asked
     */
    Optional<CommandHandler.Handled> settle(OrderCommand command, AccountSessions.Session session, Object action) {
        if (action instanceof PlaceOrder) {
            PlaceOrder order = (PlaceOrder) action;
            return recover(command, session, order.getSymbol(), order.getClientOrderId(),
                    theirs(session, order.getClientOrderId()));
        }
        if (action instanceof ReplaceOrder) {
            ReplaceOrder replace = (ReplaceOrder) action;
            String theirs = theirs(session, replace.getNewClientOrderId());
            // Under the same client order id the replaced order cannot be told from the original.
            return theirs.equals(theirs(session, replace.getClientOrderId())) ? Optional.empty()
                    : recover(command, session, replace.getSymbol(), replace.getNewClientOrderId(), theirs);
        }
        if (action instanceof CancelOrder) {
            return settleCancel(command, session, (CancelOrder) action);
        }
        return Optional.empty();
    }

    /**
     * A cancel that may have been sent: its order CANCELED at the exchange means it did its work (ACCEPTED); FILLED,
     * EXPIRED or REJECTED means no cancel can (REJECTED, ORDER_CLOSED); open or unknown, it is handled afresh.
     */
    private Optional<CommandHandler.Handled> settleCancel(OrderCommand command, AccountSessions.Session session,
                                           CancelOrder cancel) {
        String ours = cancel.getClientOrderId();
        Optional<OrderUpdate> found = lookUp(command, session, "the order it cancels", ours != null
                ? () -> session.oms().findOrder(cancel.getSymbol(), theirs(session, ours))
                : () -> session.oms().findOrderById(cancel.getSymbol(), cancel.getExchangeOrderId()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OrderUpdate state = found.get();
        String named = ours != null ? ours : ids.toOurs(session.exchange(), state.getClientOrderId());
        OrderUpdate update = OrderUpdate.newBuilder(state).setClientOrderId(named).build();
        switch (state.getStatus()) {
            case CANCELED:
            case PARTIALLY_CANCELED:
                metrics.recoveries("found").increment();
                LOG.info("cancel {}: order {} is already canceled at {}; acking it instead of sending",
                        command.getCommandId(), state.getExchangeOrderId(), session.exchange());
                return Optional.of(new CommandHandler.Handled(acks.accepted(command, named, state.getExchangeOrderId()),
                        List.of(update)));
            case FILLED:
            case EXPIRED:
            case REJECTED:
                metrics.recoveries("found").increment();
                return Optional.of(new CommandHandler.Handled(acks.rejected(command, named, new Refusal(ErrorKind.NOT_FOUND,
                        "ORDER_CLOSED", "order " + state.getExchangeOrderId() + " is " + state.getStatus() + " at "
                        + session.exchange() + ": there is nothing to cancel", false, null)), List.of(update)));
            default:
                metrics.recoveries("open").increment();
                return Optional.empty();
        }
    }

    /** Asks the exchange for the order; present when it has it (ack ACCEPTED, its state as an update). */
    Optional<CommandHandler.Handled> recover(OrderCommand command, AccountSessions.Session session, String symbol, String ours,
                              String theirs) {
        Optional<OrderUpdate> found = lookUp(command, session, "order " + theirs,
                () -> session.oms().findOrder(symbol, theirs));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        metrics.recoveries("found").increment();
        OrderUpdate update = OrderUpdate.newBuilder(found.get()).setClientOrderId(ours).build();
        LOG.info("command {}: {} already has order {} ({}); acking it instead of sending", command.getCommandId(),
                session.exchange(), update.getExchangeOrderId(), update.getStatus());
        return Optional.of(new CommandHandler.Handled(acks.accepted(command, ours, update.getExchangeOrderId()), List.of(update)));
    }

    /**
     * The exchange's view of an order, asked before anything is sent; empty when the exchange has no such order.
     *
     * @throws RetryLaterException when the exchange cannot be asked: nothing may be decided without its answer
     */
    private Optional<OrderUpdate> lookUp(OrderCommand command, AccountSessions.Session session, String what,
                                         Supplier<CompletableFuture<Result<Optional<OrderUpdate>>>> find) {
        Result<Optional<OrderUpdate>> found = calls.call(session, "find-order", find);
        if (!found.isOk()) {
            metrics.recoveries("failed").increment();
            throw new RetryLaterException("could not ask " + session.exchange() + " for " + what + " of command "
                    + command.getCommandId() + ": " + found.error());
        }
        if (found.value().isEmpty()) {
            metrics.recoveries("absent").increment();
        }
        return found.value();
    }


    /** The exchange's id of {@code ours} (null for null), once the handler let the id through. */
    String theirs(AccountSessions.Session session, String ours) {
        return ours == null ? null : ids.toExchange(session.exchange(), session.oms().clientOrderIds(), ours).value();
    }
}
