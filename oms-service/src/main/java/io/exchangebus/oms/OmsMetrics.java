package io.exchangebus.oms;

import io.exchangebus.events.AckStatus;
import io.exchangebus.service.ops.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The OMS's own meters, beside the shared ones of {@link ServiceMetrics} (commands in are
 * {@code exbus.messages.in}, acks and updates out {@code exbus.messages.out}, errors {@code exbus.errors}, dead
 * letters {@code exbus.dead.letters}):
 * <ul>
 *   <li>{@code exbus.oms.acks} by {@code status} (ACCEPTED, REJECTED, EXPIRED, DUPLICATE), counted when committed;</li>
 *   <li>{@code exbus.oms.command.to.exchange}: from the command's createdAt to the exchange's acceptance (its time
 *       of the answer when it gives one, else our receipt of the answer), by exchange;</li>
 *   <li>{@code exbus.oms.exchange.round.trip}: from sending a request to its answer, by exchange and request kind;</li>
 *   <li>{@code exbus.oms.recoveries}: orders the OMS asked the exchange about before (re)sending, by outcome;</li>
 *   <li>{@code exbus.oms.batch.commands}: commands per transaction; {@code exbus.oms.batch.phase}, by {@code
 *       phase}: intent (recording what a poll may send), handle (a command from its hand-out to its outcome: its
 *       lane's queue, the checks and the exchange's answer), commit (writing and committing a transaction).</li>
 * </ul>
 * Thread-safe.
 */
public final class OmsMetrics {
    public static final String ACKS = "exbus.oms.acks";
    public static final String COMMAND_TO_EXCHANGE = "exbus.oms.command.to.exchange";
    public static final String ROUND_TRIP = "exbus.oms.exchange.round.trip";
    public static final String RECOVERIES = "exbus.oms.recoveries";
    public static final String BATCH_COMMANDS = "exbus.oms.batch.commands";
    public static final String BATCH_PHASE = "exbus.oms.batch.phase";

    private final ServiceMetrics shared;

    public OmsMetrics(ServiceMetrics shared) {
        this.shared = shared;
    }

    public ServiceMetrics shared() {
        return shared;
    }

    public Counter acks(AckStatus status) {
        return shared.registry().counter(ACKS, "status", status.name());
    }

    public Counter recoveries(String outcome) {
        return shared.registry().counter(RECOVERIES, "outcome", outcome);
    }

    public Timer commandToExchange(String exchange) {
        return Timer.builder(COMMAND_TO_EXCHANGE).tag("exchange", exchange).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(shared.registry());
    }

    public DistributionSummary batchCommands() {
        return DistributionSummary.builder(BATCH_COMMANDS).description("commands per transaction")
                .register(shared.registry());
    }

    public Timer batchPhase(String phase) {
        return Timer.builder(BATCH_PHASE).tag("phase", phase).register(shared.registry());
    }

    public Timer roundTrip(String exchange, String request) {
        return Timer.builder(ROUND_TRIP).tags("exchange", exchange, "request", request).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(shared.registry());
    }
}
