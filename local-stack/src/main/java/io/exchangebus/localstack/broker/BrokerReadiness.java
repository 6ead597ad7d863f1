package io.exchangebus.localstack.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.exchangebus.localstack.process.Deadline;

/** Tells when a broker process answers. */
final class BrokerReadiness {

    private BrokerReadiness() {
    }

    /** True once something accepts TCP connections on {@code host:port}. */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True once the broker lists itself in the cluster metadata, i.e. it is registered and unfenced.
     * Call only once the port accepts: before that the Admin client logs a warning per attempt.
     */
    static boolean answers(String bootstrapServers, Deadline deadline) throws InterruptedException {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remaining().toMillis()));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
