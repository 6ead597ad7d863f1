package io.exchangebus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.events.BookUpdate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The containers mode: Kafka's official image and the registry's image through Testcontainers, with the same
 * simulators and services as on loopback. Needs a Docker engine; without one, the test is skipped (an assumption
 * fails, naming the missing engine), never passed. Run it where Docker is:
 * {@code mvn -pl testkit -am verify -Dit.test=ContainersModeIT}; {@code -DexcludedGroups=docker} leaves it out.
 */
@Tag("docker")
class ContainersModeIT {

    @Test
    void shouldPublishTheSimulatorsBookThroughKafkaInADockerContainer() {
        try (ExchangeBusStack stack = ExchangeBusStack.start(StackSpec.of(List.of("binance-usdm"), Service.INGEST),
                BrokerMode.CONTAINERS)) {
            SimulatorHandle binance = stack.simulator("binance-usdm");

            BookUpdate book = stack.books().latest(binance.exchange(), binance.symbols().get(0),
                    Duration.ofSeconds(60));

            assertThat(stack.mode()).isEqualTo(BrokerMode.CONTAINERS);
            assertThat(book.getBids()).isNotEmpty();
            assertThat(book.getAsks()).isNotEmpty();
        }
    }
}
