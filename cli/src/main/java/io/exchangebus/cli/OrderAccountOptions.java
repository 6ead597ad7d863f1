package io.exchangebus.cli;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every {@code exbus order} command: which account on which exchange (as the OMS is configured:
 * the command's topic key is {@code exchange:account}), where Kafka and the registry are, how long to wait, and
 * whether to print JSON.
 *
 * <p>Exchange and account have no default on purpose: these commands move money, and a default account would
 * place an order on it when the option is forgotten.
 */
final class OrderAccountOptions {
    @Option(names = "--exchange", required = true, paramLabel = "ID",
            description = "Venue id as the OMS names it: binance-spot, binance-usdm, ...")
    String exchange;

    @Option(names = "--account", required = true, paramLabel = "NAME",
            description = "Account name as configured in the OMS (never a key); '*' with cancel-all: every account "
                    + "the OMS serves on the exchange.")
    String account;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s",
            converter = OptionTypes.Interval.class,
            description = "Longest wait for the ack (or, for status, for reading the updates). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--json", description = "Print the ack and updates as JSON, one object a line "
            + "(decimals as strings), instead of key=value lines.")
    boolean json;

    @Mixin
    Connection connection = new Connection();
}
