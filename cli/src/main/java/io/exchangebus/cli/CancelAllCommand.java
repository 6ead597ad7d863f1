package io.exchangebus.cli;

import io.exchangebus.events.CancelAll;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code exbus order cancel-all}: the kill switch of an account, on one symbol or on all. */
@Command(name = "cancel-all", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cancel every open order of the account, on one symbol or on all (the kill switch): send a "
                + "CancelAll, wait for its ack and print it. The OMS handles it before the other commands of its "
                + "batch and rejects their new orders. --account '*' cancels on every account the OMS serves on "
                + "the exchange.",
                "Example: exbus order cancel-all --exchange binance-spot --account main"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ack ACCEPTED",
                "1:failed at run time: broker or registry unreachable",
                "2:bad usage: a missing option",
                "3:no ack within --timeout (is oms-service running and serving the account?)",
                "4:ack REJECTED (error kind, code and message of the first failure printed) or EXPIRED"})
final class CancelAllCommand extends OrderSubmission {
    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "Cancel only on this symbol (the exchange's own); every symbol when left out.")
    String symbol;

    @Option(names = "--instrument", paramLabel = "ID",
            description = "Our instrument id of --symbol; derived from it when left out (Binance).")
    String instrument;

    @Override
    Object action() {
        usage(symbol != null || instrument == null, "--instrument goes with --symbol");
        if (symbol == null) {
            return new CancelAll(null, null);
        }
        InstrumentIds.Resolved instrumentId = InstrumentIds.resolve(target.exchange, symbol, instrument);
        usage(instrumentId.id() != null, instrumentId.problem());
        return new CancelAll(symbol, instrumentId.id());
    }

    @Override
    OrderRoundTrip.Tracking tracking(Object action) {
        return null;
    }
}
