package io.exchangebus.ingest;

import io.exchangebus.avro.topics.Topics;
import io.exchangebus.service.ServiceContext;
import io.exchangebus.service.ServiceRunner;
import io.exchangebus.service.exchange.ExchangeAccess;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The ingest process: {@code java -cp … io.exchangebus.ingest.IngestMain --config ingest.yaml}. Builds the service
 * from its configuration ({@link IngestKeys}) and runs it with {@link ServiceRunner}: health, readiness and
 * metrics on {@code service.http-port}, the subscriptions' admin API ({@link SubscriptionsApi}) on the same port.
 */
public final class IngestMain {
    /** The service's name: its logs, metrics, client ids and dead-letter topic {@code ingest.dlq.v1}. */
    public static final String SERVICE = "ingest";

    private IngestMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs ingest until it is stopped (SIGTERM, Ctrl-C); returns the exit code (0, 1 failed, 2 bad config). */
    public static int run(String[] args) {
        return new ServiceRunner(SERVICE, IngestKeys.SCHEMA).run(args, IngestMain::create);
    }

    /** The service of {@code context}, with its admin API routed; for the runner. */
    static IngestService create(ServiceContext context) {
        ExchangeAccess access = ExchangeAccess.of(context.common());
        IngestMetrics metrics = new IngestMetrics(context.metrics());
        KafkaProducer<String, SpecificRecord> producer = context.kafka().avroProducer();
        MarketPublisher publisher = new MarketPublisher(producer, context.deadLetters(), metrics, Clock.systemUTC());
        IngestService service = new IngestService(access, context.config(), publisher, context.deadLetters(), metrics,
                new LastTrades(context.kafka(), Topics.MARKET_TRADES.name()));
        context.route(SubscriptionsApi.PATH, new SubscriptionsApi(service.subscriptions()));
        return service;
    }
}
