package io.exchangebus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exbus positions ACCOUNT}: an account's positions and balances, from the streams-apps query API. */
@Command(name = "positions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print an account's positions (derived from fills, beside what the exchange reports, and "
                + "whether the two agree) and balances as streams-apps holds them "
                + "(GET /positions/{exchange}/{account}).",
                "Example: exbus positions main --exchange binance-usdm"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed",
                "1:failed at run time: the query API unreachable, or still 503 after --timeout",
                "2:bad usage",
                "3:not found: streams-apps holds nothing for the account"})
final class PositionsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account, as the services name it.")
    String account;

    @Option(names = "--exchange", paramLabel = "ID", defaultValue = "binance-spot",
            description = "Venue id of the account. Default: ${DEFAULT-VALUE}.")
    String exchange;

    @Mixin
    StreamsApiOptions api = new StreamsApiOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (account.isBlank() || account.indexOf(':') >= 0 || exchange.isBlank() || exchange.indexOf(':') >= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the account and --exchange are names "
                    + "without ':', e.g. exbus positions main --exchange binance-usdm");
        }
        URI uri = URI.create(api.base() + "/positions/" + BookCommand.segment(exchange) + "/"
                + BookCommand.segment(account));
        StreamsQuery.Answer answer = new StreamsQuery(api.timeout).get(uri);
        return BookCommand.print(answer, spec.commandLine(), api.json,
                body -> QueryFormats.positions(JSON.readTree(body)), "positions");
    }
}
