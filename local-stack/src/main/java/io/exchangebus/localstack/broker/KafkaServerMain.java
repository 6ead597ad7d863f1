package io.exchangebus.localstack.broker;

import kafka.tools.StorageTool;

/**
 * Main of the broker process: formats the KRaft storage, then runs the stock {@code kafka.Kafka} main.
 *
 * <p>Arguments: {@code <server.properties> <clusterId>}. Formatting here rather than in the parent saves
 * the parent from loading the broker's classes and the child from a second JVM start.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaServerMain <server.properties> <clusterId>");
            System.exit(2);
        }
        String properties = args[0];
        String clusterId = args[1];
        int status = StorageTool.execute(new String[] {"format", "--config", properties, "--cluster-id", clusterId,
                "--ignore-formatted"}, System.out);
        if (status != 0) {
            System.err.println("kafka-storage format failed with status " + status);
            System.exit(status);
        }
        kafka.Kafka.main(new String[] {properties});
    }
}
