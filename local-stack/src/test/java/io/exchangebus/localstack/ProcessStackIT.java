package io.exchangebus.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ProcessStackIT {

    @Test
    void shouldServeClientsFromChildProcessesAndLeaveNoProcessBehindWhenClosed() throws Exception {
        LocalStack stack = LocalStack.startProcesses();
        List<Long> pids = stack.childPids();
        Path workDir = stack.workDir();
        try {
            assertThat(stack.mode()).isEqualTo(LocalStack.Mode.PROCESSES);
            assertThat(pids).hasSize(2);
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).containsAll(pids);

            String topic = "market.book.v1.process-stack";
            stack.createTopic(topic, 2);
            KafkaRoundTrip.produce(stack.bootstrapServers(), topic, "deribit:BTC-PERPETUAL", "book-1");
            List<ConsumerRecord<String, String>> records =
                    KafkaRoundTrip.consume(stack.bootstrapServers(), topic, 1, Duration.ofSeconds(20), "read_uncommitted");
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("book-1");
            assertThat(RegistryHttp.get(stack.registryUrl() + "/subjects").statusCode()).isEqualTo(200);
        } finally {
            stack.close();
        }
        stack.close(); // idempotent

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContainAnyElementsOf(pids);
        assertThat(workDir).doesNotExist();
    }
}
