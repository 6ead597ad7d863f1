package io.exchangebus.cli;

import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exbus order place}: a new order, its ack, then its updates. */
@Command(name = "place", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Place an order through the OMS: send an OrderCommand with a PlaceOrder to "
                + "orders.commands.v1 (key exchange:account), wait for its OrderAck on orders.acks.v1 and print it, "
                + "then print the order's updates from orders.updates.v1 until it is finished (filled, canceled, "
                + "expired, rejected) or --follow has passed.",
                "Prices and quantities are exact decimals, sent as typed.",
                "Example: exbus order place --exchange binance-spot --account main --symbol BTCUSDT --side buy "
                        + "--quantity 0.002 --price 59000.00"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ack ACCEPTED (the exchange took the order)",
                "1:failed at run time: broker or registry unreachable",
                "2:bad usage: a missing option, a bad number",
                "3:no ack within --timeout (is oms-service running and serving the account?)",
                "4:ack REJECTED (error kind, code and message printed) or EXPIRED"})
final class PlaceOrderCommand extends OrderSubmission {
    @Mixin
    OrderInstrumentOptions order = new OrderInstrumentOptions();

    @Option(names = "--side", required = true, paramLabel = "SIDE", converter = OptionTypes.SideValue.class,
            description = "buy or sell.")
    Side side;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "limit", converter = OptionTypes.OrderTypeValue.class,
            description = "limit, market, limit-maker (post-only), immediate-or-cancel, fill-or-kill, stop-limit or "
                    + "stop-market. Default: ${DEFAULT-VALUE}.")
    OrderType type;

    @Option(names = "--quantity", required = true, paramLabel = "DECIMAL",
            converter = OptionTypes.PositiveDecimal.class, description = "Order quantity, e.g. 0.002.")
    BigDecimal quantity;

    @Option(names = "--price", paramLabel = "DECIMAL", converter = OptionTypes.PositiveDecimal.class,
            description = "Limit price: required for every type but market and stop-market, which take none.")
    BigDecimal price;

    @Option(names = "--stop-price", paramLabel = "DECIMAL", converter = OptionTypes.PositiveDecimal.class,
            description = "Trigger price: required for stop-limit and stop-market, refused otherwise.")
    BigDecimal stopPrice;

    @Option(names = "--time-in-force", paramLabel = "TIF", converter = OptionTypes.TimeInForceValue.class,
            description = "gtc, ioc, fok or gtd; left out, the exchange's default for the order type.")
    TimeInForce timeInForce;

    @Option(names = "--good-till", paramLabel = "INSTANT",
            description = "Expiry of a gtd order, ISO-8601 UTC (2026-12-31T23:59:00Z); only with --time-in-force gtd.")
    Instant goodTill;

    @Option(names = "--reduce-only", description = "Derivatives: the order may only reduce a position.")
    boolean reduceOnly;

    @Option(names = "--client-order-id", paramLabel = "ID",
            description = "Our id for the order; a fresh one (cli-...) when left out.")
    String clientOrderId;

    @Option(names = "--follow", paramLabel = "DURATION", defaultValue = "5s", converter = OptionTypes.Interval.class,
            description = "How long to print the order's updates after the ack, unless it finishes first; 0 prints "
                    + "none. Default: ${DEFAULT-VALUE}.")
    Duration follow;

    @Override
    Object action() {
        boolean takesPrice = type != OrderType.MARKET && type != OrderType.STOP_MARKET;
        boolean takesStop = type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET;
        String spelled = OptionTypes.spelling(type);
        usage(!takesPrice || price != null, "a " + spelled + " order needs --price");
        usage(takesPrice || price == null, "a " + spelled + " order takes no --price");
        usage(!takesStop || stopPrice != null, "a " + spelled + " order needs --stop-price");
        usage(takesStop || stopPrice == null, "a " + spelled + " order takes no --stop-price");
        usage((timeInForce == TimeInForce.GTD) == (goodTill != null),
                "--good-till goes with --time-in-force gtd, and gtd needs --good-till");
        usage(clientOrderId == null || !clientOrderId.isBlank(), "--client-order-id must not be blank");
        String instrumentId = instrumentId(order);
        return PlaceOrder.newBuilder()
                .setClientOrderId(clientOrderId != null ? clientOrderId : freshClientOrderId())
                .setSymbol(order.symbol)
                .setInstrumentId(instrumentId)
                .setSide(side)
                .setOrderType(type)
                .setTimeInForce(timeInForce)
                .setQuantity(quantity)
                .setPrice(price)
                .setStopPrice(stopPrice)
                .setReduceOnly(reduceOnly)
                .setGoodTillTime(goodTill == null ? null : goodTill.truncatedTo(ChronoUnit.MICROS))
                .build();
    }

    @Override
    OrderRoundTrip.Tracking tracking(Object action) {
        return new OrderRoundTrip.Tracking(((PlaceOrder) action).getClientOrderId(), null, follow);
    }
}
