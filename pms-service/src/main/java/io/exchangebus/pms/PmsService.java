package io.exchangebus.pms;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.Pms;
import io.exchangebus.service.Service;
import io.exchangebus.service.ServiceContext;
import io.exchangebus.service.exchange.ExchangeAccess;
import io.exchangebus.service.ops.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pms-service}: one exchange {@link Pms} role per selected account ({@code pms.accounts}), each publishing its
 * positions, balances and account updates ({@link AccountStream}) through one idempotent producer. Ready when every
 * account's stream is connected. On close, the roles stop first, then the producer writes what is pending.
 */
public final class PmsService implements Service {
    /** How long start-up waits for every account's stream to come up. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PmsService.class);

    private final List<AccountStream> streams;
    private final AccountEventPublisher publisher;

    PmsService(List<AccountStream> streams, AccountEventPublisher publisher) {
        this.streams = List.copyOf(streams);
        this.publisher = publisher;
    }

    /** The service as the configuration describes it, publishing to the catalogue's topics. */
    public static PmsService create(ServiceContext context) {
        return create(context, PmsTopics.CATALOGUE);
    }

    /** The service as the configuration describes it, publishing to {@code topics}. */
    public static PmsService create(ServiceContext context, PmsTopics topics) {
        ExchangeAccess access = ExchangeAccess.of(context.common());
        AccountEventPublisher publisher = new AccountEventPublisher(context.kafka().avroProducer(),
                context.metrics(), Clock.systemUTC());
        Map<String, InstrumentRegistry> registries = new HashMap<>();
        List<AccountStream> streams = new ArrayList<>();
        for (String id : PmsKeys.selectedAccounts(context.config())) {
            ExchangeAccess.Account account = access.account(id).orElseThrow();
            String exchange = account.exchange();
            // Roles of one exchange share its instruments, so that they are fetched once.
            InstrumentRegistry instruments = registries.computeIfAbsent(exchange, InstrumentRegistry::new);
            Pms pms = access.connector(exchange).pms(access.settings(exchange), account.settings(), instruments);
            streams.add(new AccountStream(exchange, id, pms, topics, publisher, context.deadLetters(),
                    context.metrics()));
        }
        return new PmsService(streams, publisher);
    }

    @Override
    public void start() throws Exception {
        List<CompletableFuture<Result<Void>>> connecting = new ArrayList<>();
        streams.forEach(s -> connecting.add(s.connect()));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            Result<Void> result = connecting.get(i).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!result.isOk()) {
                failed.add(streams.get(i).key() + ": " + result.error());
            } else {
                LOG.info("{}: account stream live", streams.get(i).key());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("account streams could not connect: " + String.join("; ", failed));
        }
    }

    @Override
    public Map<String, ReadinessCheck> readinessChecks() {
        Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
        streams.forEach(s -> checks.put("account-stream " + s.key(), s::isConnected));
        return checks;
    }

    @Override
    public void close(Duration timeout) {
        streams.forEach(AccountStream::close);
        publisher.flush();
        publisher.close(timeout);
    }
}
