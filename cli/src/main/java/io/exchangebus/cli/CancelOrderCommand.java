package io.exchangebus.cli;

import io.exchangebus.events.CancelOrder;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exbus order cancel}: cancel one order, its ack, then its updates. */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cancel one order through the OMS, named by our client order id, the exchange's order id, "
                + "or both: send a CancelOrder, wait for its ack and print it, then print the order's updates until "
                + "it is finished or --follow has passed.",
                "Example: exbus order cancel --exchange binance-spot --account main --symbol BTCUSDT "
                        + "--client-order-id cli-0123"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ack ACCEPTED (the exchange canceled the order)",
                "1:failed at run time: broker or registry unreachable",
                "2:bad usage: a missing option",
                "3:no ack within --timeout (is oms-service running and serving the account?)",
                "4:ack REJECTED (error kind, code and message printed; e.g. an order already finished) or EXPIRED"})
final class CancelOrderCommand extends OrderSubmission {
    @Mixin
    OrderInstrumentOptions order = new OrderInstrumentOptions();

    @Option(names = "--client-order-id", paramLabel = "ID", description = "Our client order id of the order.")
    String clientOrderId;

    @Option(names = "--order-id", paramLabel = "ID", description = "The exchange's order id of the order.")
    String orderId;

    @Option(names = "--follow", paramLabel = "DURATION", defaultValue = "5s", converter = OptionTypes.Interval.class,
            description = "How long to print the order's updates after the ack, unless it finishes first; 0 prints "
                    + "none. Default: ${DEFAULT-VALUE}.")
    Duration follow;

    @Override
    Object action() {
        usage(clientOrderId != null || orderId != null, "name the order: --client-order-id, --order-id or both");
        String instrumentId = instrumentId(order);
        return CancelOrder.newBuilder()
                .setSymbol(order.symbol)
                .setInstrumentId(instrumentId)
                .setClientOrderId(clientOrderId)
                .setExchangeOrderId(orderId)
                .build();
    }

    @Override
    OrderRoundTrip.Tracking tracking(Object action) {
        return new OrderRoundTrip.Tracking(clientOrderId, orderId, follow);
    }
}
