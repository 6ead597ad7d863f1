package io.exchangebus.cli;

import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.ReplaceOrder;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exbus order replace}: amend an open order's price and/or quantity, the ack, then the new order's updates. */
@Command(name = "replace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replace (amend) an open order's price and/or quantity through the OMS: send a ReplaceOrder, "
                + "wait for its ack and print it, then print the replacing order's updates until it is finished or "
                + "--follow has passed.",
                "The command names the order by our client order id; with --order-id instead, that id is looked up "
                        + "on orders.updates.v1 first (exit code 3 if no update of the order is there).",
                "Example: exbus order replace --exchange binance-spot --account main --symbol BTCUSDT "
                        + "--client-order-id cli-0123 --price 59010.00"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ack ACCEPTED",
                "1:failed at run time: broker or registry unreachable",
                "2:bad usage: a missing option, a bad number",
                "3:no ack within --timeout, or --order-id not found on orders.updates.v1",
                "4:ack REJECTED (error kind, code and message printed) or EXPIRED"})
final class ReplaceOrderCommand extends OrderSubmission {
    @Mixin
    OrderInstrumentOptions order = new OrderInstrumentOptions();

    @Option(names = "--client-order-id", paramLabel = "ID", description = "Our client order id of the order.")
    String clientOrderId;

    @Option(names = "--order-id", paramLabel = "ID",
            description = "The exchange's order id of the order, instead of --client-order-id.")
    String orderId;

    @Option(names = "--new-client-order-id", paramLabel = "ID",
            description = "Our id for the replacing order; a fresh one (cli-...) when left out.")
    String newClientOrderId;

    @Option(names = "--quantity", paramLabel = "DECIMAL", converter = OptionTypes.PositiveDecimal.class,
            description = "New quantity; the current one when left out.")
    BigDecimal quantity;

    @Option(names = "--price", paramLabel = "DECIMAL", converter = OptionTypes.PositiveDecimal.class,
            description = "New price; the current one when left out.")
    BigDecimal price;

    @Option(names = "--follow", paramLabel = "DURATION", defaultValue = "5s", converter = OptionTypes.Interval.class,
            description = "How long to print the replacing order's updates after the ack, unless it finishes first; "
                    + "0 prints none. Default: ${DEFAULT-VALUE}.")
    Duration follow;

    /** The client order id of {@code --order-id}, found by {@link #lookUp()}. */
    String lookedUp;

    @Override
    int lookUp() {
        checkOptions();
        if (clientOrderId != null) {
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<OrderUpdate> found = new OrderUpdatesReader(target, err).latest(null, orderId);
        if (found.isEmpty() || found.get().getClientOrderId() == null) {
            err.println("exbus order replace: " + (found.isEmpty() ? "no update of order-id " + orderId
                    + " of " + target.exchange + ":" + target.account + " on orders.updates.v1"
                    : "order-id " + orderId + " has no client order id (not placed through ExchangeBus)")
                    + "; pass --client-order-id");
            err.flush();
            return ExitCodes.NOT_FOUND;
        }
        lookedUp = found.get().getClientOrderId();
        return ExitCodes.OK;
    }

    /** Checks the options, before any look-up; the instrument id to send. */
    private String checkOptions() {
        usage(clientOrderId != null || orderId != null, "name the order: --client-order-id or --order-id");
        usage(clientOrderId == null || orderId == null, "--client-order-id and --order-id go one at a time");
        usage(quantity != null || price != null, "say what changes: --price, --quantity or both");
        usage(newClientOrderId == null || !newClientOrderId.isBlank(), "--new-client-order-id must not be blank");
        return instrumentId(order);
    }

    @Override
    Object action() {
        String instrumentId = checkOptions();
        String named = clientOrderId != null ? clientOrderId : lookedUp;
        usage(named != null, "--order-id " + orderId + " has not been looked up");
        return ReplaceOrder.newBuilder()
                .setSymbol(order.symbol)
                .setInstrumentId(instrumentId)
                .setClientOrderId(named)
                .setNewClientOrderId(newClientOrderId != null ? newClientOrderId : freshClientOrderId())
                .setQuantity(quantity)
                .setPrice(price)
                .build();
    }

    @Override
    OrderRoundTrip.Tracking tracking(Object action) {
        return new OrderRoundTrip.Tracking(((ReplaceOrder) action).getNewClientOrderId(), null, follow);
    }
}
