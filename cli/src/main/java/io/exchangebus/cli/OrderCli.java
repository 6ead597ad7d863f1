package io.exchangebus.cli;

import picocli.CommandLine.Command;

/**
 * {@code exbus order}: order commands through the OMS, and an order's status. Neither runnable nor callable, so
 * picocli refuses it without a subcommand (exit code 2).
 */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Order commands through the OMS (oms-service), over Kafka: place, cancel, replace, cancel-all "
                + "send an OrderCommand to orders.commands.v1 and print its ack from orders.acks.v1, then the order's "
                + "updates from orders.updates.v1; status prints an order's latest update. Missing order topics are "
                + "created with the catalogue's partition counts.",
                "Kafka and the registry: --bootstrap and --registry, else EXBUS_BOOTSTRAP and EXBUS_REGISTRY, else a "
                        + "running ./exbus stack."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok (ack ACCEPTED; for status: the order found)",
                "1:failed at run time: broker or registry unreachable",
                "2:bad usage: a missing option or subcommand, a bad number",
                "3:not found: no ack within --timeout, or no such order",
                "4:the command was refused: ack REJECTED (error kind, code and message printed) or EXPIRED"},
        subcommands = {PlaceOrderCommand.class, CancelOrderCommand.class, ReplaceOrderCommand.class,
                CancelAllCommand.class, OrderStatusCommand.class})
final class OrderCli {
}
