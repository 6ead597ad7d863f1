package io.exchangebus.recovery;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.events.Instrument;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.role.DataFetcher;
import io.exchangebus.connectors.core.spi.ConnectorConfigException;
import io.exchangebus.events.RecoverySnapshot;
import io.exchangebus.service.config.CommonConfig;
import io.exchangebus.service.config.ServiceConfig;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;

/**
 * One run of the recovery: a new epoch (a random UUID, shared by every account of the run), then per selected
 * account the state fetched ({@link AccountRecovery}) and published in one transaction ({@link EpochPublisher}),
 * an account's failure recorded in its marker without stopping the others. Returns whether every account was
 * recovered and published.
 */
final class RecoveryJob {
    private final ServiceConfig config;
    private final String topic;
    private final Progress progress;
    private final Clock clock;

    RecoveryJob(ServiceConfig config, String topic, Progress progress, Clock clock) {
        this.config = config;
        this.topic = topic;
        this.progress = progress;
        this.clock = clock;
    }

    /** Runs every selected account; whether all of them were recovered and published. */
    boolean run() {
        CommonConfig common = CommonConfig.of(config);
        ExchangeAccess access = ExchangeAccess.of(common);
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String epochId = UUID.randomUUID().toString();
        List<String> accounts = RecoveryKeys.selectedAccounts(config);
        progress.line("epoch " + epochId + " started for " + accounts.size() + " account(s)");
        AccountRecovery.Settings settings = new AccountRecovery.Settings(
                startedAt.minus(config.get(RecoveryKeys.HISTORY_WINDOW)), config.get(RecoveryKeys.PAGE_SIZE),
                config.find(RecoveryKeys.HISTORY_SYMBOLS).map(HashSet::new), config.get(RecoveryKeys.CALL_TIMEOUT));
        Map<String, InstrumentRegistry> registries = new HashMap<>();
        List<String> failed = new ArrayList<>();
        KafkaClients kafka = new KafkaClients(config);
        try (EpochPublisher publisher = new EpochPublisher(kafka.<RecoverySnapshot>transactionalAvroProducer(
                common.instanceId() + "-recovery"), topic, epochId, startedAt)) {
            for (String id : accounts) {
                ExchangeAccess.Account account = access.account(id).orElseThrow();
                RecoveredAccount recovered = recover(access, account, settings, registries);
                publisher.publish(recovered);
                if (recovered.failure().isPresent()) {
                    failed.add(recovered.name());
                    progress.line(recovered.name() + " FAILED, " + recovered.items().size()
                            + " items published before the failure: " + recovered.failure().get());
                } else {
                    progress.line(recovered.name() + " done, " + recovered.items().size() + " items published");
                }
            }
        } catch (KafkaException e) {
            progress.line("epoch " + epochId + " could not be published: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
            return false;
        }
        if (!publishInstruments(kafka, registries)) {
            return false;
        }
        progress.line("epoch " + epochId + ": " + (accounts.size() - failed.size()) + " of " + accounts.size()
                + " account(s) recovered" + (failed.isEmpty() ? "" : ", failed: "
                + failed.stream().collect(Collectors.joining(", "))));
        return failed.isEmpty();
    }

    /**
     * Every instrument the accounts' exchanges list (as their DataFetchers filled the registries) to
     * {@code reference.instruments.v1}, compacted by {@code exchange:symbol}: the definitions readers that see only
     * events need, such as streams-apps computing an inverse contract's position and PnL. Whether they were written.
     */
    private boolean publishInstruments(KafkaClients kafka, Map<String, InstrumentRegistry> registries) {
        String topic = Topics.REFERENCE_INSTRUMENTS.name();
        try (KafkaProducer<String, Instrument> producer = kafka.avroProducer()) {
            for (InstrumentRegistry registry : registries.values()) {
                for (InstrumentDefinition instrument : registry.all()) {
                    producer.send(new ProducerRecord<>(topic, TopicKey.exchangeSymbol(instrument.exchange(),
                            instrument.symbol()), instrument.toEvent()));
                }
                progress.line("instruments: " + registry.exchange() + " " + registry.size() + " to " + topic);
            }
            producer.flush();
            return true;
        } catch (KafkaException e) {
            progress.line("instruments could not be published to " + topic + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            return false;
        }
    }

    private RecoveredAccount recover(ExchangeAccess access, ExchangeAccess.Account account,
                                     AccountRecovery.Settings settings, Map<String, InstrumentRegistry> registries) {
        String exchange = account.exchange();
        DataFetcher fetcher;
        try {
            fetcher = access.connector(exchange).dataFetcher(access.settings(exchange), account.settings(),
                    registries.computeIfAbsent(exchange, InstrumentRegistry::new));
        } catch (ConnectorConfigException e) {
            // Names the exchange and the key, or where a secret is kept: never the secret.
            return new RecoveredAccount(exchange, account.id(), List.of(),
                    Optional.of(new RecoveryFailure(RecoveryFailure.CONFIGURATION, e.getMessage())));
        }
        try (fetcher) {
            RecoveredAccount recovered = new AccountRecovery(exchange, account.id(), fetcher, settings, progress).run();
            fillRegistry(fetcher, registries.get(exchange), settings.callTimeout());
            return recovered;
        }
    }

    /**
     * Fills {@code registry} from the fetcher's instrument list when the fetcher did not (a DataFetcher may keep its
     * list to itself), for {@link #publishInstruments}; a failure leaves it empty and is reported.
     */
    private void fillRegistry(DataFetcher fetcher, InstrumentRegistry registry, Duration timeout) {
        if (registry.size() > 0) {
            return;
        }
        try {
            Result<List<InstrumentDefinition>> listed = fetcher.instruments()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (listed.isOk()) {
                registry.replaceAll(listed.value());
            } else {
                progress.line("instruments of " + registry.exchange() + " not listed: " + listed.error());
            }
        } catch (ExecutionException | TimeoutException e) {
            progress.line("instruments of " + registry.exchange() + " not listed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
