package io.exchangebus.cli;

import io.exchangebus.events.OrderUpdate;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exbus order status}: the latest update of one order on {@code orders.updates.v1}. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the latest OrderUpdate of one order, named by our client order id or the exchange's "
                + "order id: the account's partition of orders.updates.v1 (key exchange:account) is read from its "
                + "beginning to its end, read_committed, and the order's last update there is printed. "
                + "Nothing is sent.",
                "Example: exbus order status --exchange binance-spot --account main --client-order-id cli-0123"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:found: the latest update printed",
                "1:failed at run time: broker or registry unreachable, or the partition not read within --timeout",
                "2:bad usage: a missing option",
                "3:not found: no update of that order on orders.updates.v1 (or no such topic)"})
final class OrderStatusCommand implements Callable<Integer> {
    @Mixin
    OrderAccountOptions target = new OrderAccountOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    OrderId order;

    /** Exactly one of the two ids. */
    static final class OrderId {
        @Option(names = "--client-order-id", required = true, paramLabel = "ID",
                description = "Our client order id of the order.")
        String clientOrderId;

        @Option(names = "--order-id", required = true, paramLabel = "ID",
                description = "The exchange's order id of the order.")
        String orderId;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<OrderUpdate> latest = new OrderUpdatesReader(target, err).latest(order.clientOrderId, order.orderId);
        if (latest.isEmpty()) {
            err.println("exbus order status: no update of " + (order.clientOrderId != null ? "client-order-id "
                    + order.clientOrderId : "order-id " + order.orderId) + " of " + target.exchange + ":"
                    + target.account + " on orders.updates.v1");
            err.flush();
            return ExitCodes.NOT_FOUND;
        }
        out.println(new OrderPrinter(target.json).update(latest.get()));
        out.flush();
        return ExitCodes.OK;
    }
}
