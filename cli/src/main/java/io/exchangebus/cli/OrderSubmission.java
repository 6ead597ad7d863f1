package io.exchangebus.cli;

import io.exchangebus.events.OrderCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the four sending commands of {@code exbus order} share: an {@code OrderCommand} with a fresh command id,
 * {@code createdAt} now and {@code expiresAt} {@code --expires-in} later, around the action each builds, sent to
 * {@code orders.commands.v1} and its ack awaited ({@link OrderRoundTrip}).
 *
 * <p>Everything the user typed is checked in {@link #build()}, before any connection is made, so that bad usage
 * is exit code 2 whether or not a broker is there.
 */
abstract class OrderSubmission implements Callable<Integer> {
    @Mixin
    OrderAccountOptions target = new OrderAccountOptions();

    @Option(names = "--expires-in", paramLabel = "DURATION", defaultValue = "10s",
            converter = OptionTypes.Interval.class,
            description = "The command's expiresAt, from now: an OMS that reads it later acks it EXPIRED and never "
                    + "sends it. Default: ${DEFAULT-VALUE}, shorter than --timeout, so that a command left without "
                    + "an ack is not carried out late.")
    Duration expiresIn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The clock of createdAt and expiresAt; a fixed one in tests. */
    Clock clock = Clock.systemUTC();

    /** Where fresh ids come from (command ids, generated client order ids); fixed ones in tests. */
    Supplier<UUID> uuids = UUID::randomUUID;

    /**
     * The command's action ({@code PlaceOrder}, {@code CancelOrder}, {@code ReplaceOrder}, {@code CancelAll}).
     *
     * @throws CommandLine.ParameterException for options that do not make a valid action (exit code 2)
     */
    abstract Object action();

    /** Which order's updates to print after an ACCEPTED ack, and for how long; null prints none. */
    abstract OrderRoundTrip.Tracking tracking(Object action);

    /** The command to send, built from the options; every check of the user's input happens here. */
    final OrderCommand build() {
        usage(!target.exchange.isBlank() && target.exchange.indexOf(':') < 0,
                "--exchange must be a venue id without ':', was '" + target.exchange + "'");
        usage(!target.account.isBlank() && target.account.indexOf(':') < 0,
                "--account must be an account name without ':', was '" + target.account + "'");
        usage(!expiresIn.isZero(), "--expires-in must be longer than zero");
        usage(!target.timeout.isZero(), "--timeout must be longer than zero");
        Object action = action();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return OrderCommand.newBuilder()
                .setCommandId("cli-" + uuids.get())
                .setExchange(target.exchange)
                .setAccount(target.account)
                .setCreatedAt(now)
                .setExpiresAt(now.plus(expiresIn).truncatedTo(ChronoUnit.MICROS))
                .setAction(action)
                .build();
    }

    /**
     * Finds what the options name but do not give, before {@link #build()}: {@code replace --order-id} looks up the
     * order's client order id. Returns an exit code; anything but {@link ExitCodes#OK} ends the command.
     */
    int lookUp() {
        return ExitCodes.OK;
    }

    @Override
    public final Integer call() {
        int found = lookUp();
        if (found != ExitCodes.OK) {
            return found;
        }
        OrderCommand command = build();
        return new OrderRoundTrip(target, spec.commandLine().getOut(), spec.commandLine().getErr())
                .submit(command, tracking(command.getAction()));
    }

    /** A client order id of our own: {@code cli-} and 28 hex digits, which every exchange takes as it is. */
    final String freshClientOrderId() {
        return "cli-" + uuids.get().toString().replace("-", "").substring(0, 28);
    }

    /** Our instrument id of {@code order} on the target exchange; refuses the command line if there is none. */
    final String instrumentId(OrderInstrumentOptions order) {
        InstrumentIds.Resolved resolved = order.resolve(target.exchange);
        usage(resolved.id() != null, resolved.problem());
        return resolved.id();
    }

    /** Refuses the command line with {@code message} (exit code 2) unless {@code ok}. */
    final void usage(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
