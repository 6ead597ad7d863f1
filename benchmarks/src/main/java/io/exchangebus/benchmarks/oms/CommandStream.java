package io.exchangebus.benchmarks.oms;

import io.exchangebus.avro.serde.AvroSerdeConfig;
import io.exchangebus.avro.serde.AvroSerializer;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The strategy of the chaos run, in a process of its own: order commands at a steady rate over many accounts,
 * written to {@code orders.commands.v1} as any client would (idempotent producer, {@code acks=all}, retried across
 * broker restarts). Mostly resting limit orders a little away from the simulators' mid, some cancels of the
 * account's earlier orders (always one when an account has 150 resting, below Binance's 200 per symbol), a share
 * with a 10 s expiry.
 *
 * <p>{@code CommandStream BOOTSTRAP REGISTRY TOPIC COMMANDS RATE SEED EXPIRING_SHARE CANCEL_SHARE ACCOUNT...};
 * prints {@code sent N} as it goes and {@code done N failed F} at the end. Each command's {@code createdAt} is the
 * moment it is handed to the producer, from which the latency harness measures.
 */
public final class CommandStream {
    private static final int MAX_RESTING = 150;

    private CommandStream() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String registry = args[1];
        String topic = args[2];
        int commands = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        Random random = new Random(Long.parseLong(args[5]));
        double expiring = Double.parseDouble(args[6]);
        double cancels = Double.parseDouble(args[7]);
        List<String> accounts = List.of(args).subList(8, args.length);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, registry), false);
        Map<String, List<String>> resting = new HashMap<>();
        AtomicLong failed = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            for (int n = 0; n < commands; n++) {
                long due = start + n * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String account = accounts.get(random.nextInt(accounts.size()));
                OrderCommand command = next(account, random, expiring, cancels,
                        resting.computeIfAbsent(account, a -> new ArrayList<>()));
                producer.send(new ProducerRecord<>(topic, command.getExchange() + ":"
                        + account, command), (meta, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                                System.out.println("send failed: " + e);
                            }
                        });
                if ((n + 1) % 1000 == 0) {
                    System.out.println("sent " + (n + 1));
                }
            }
            producer.flush();
        }
        System.out.println("done " + commands + " failed " + failed.get());
    }

    private static OrderCommand next(String account, Random random, double expiring, double cancels,
                                     List<String> resting) {
        BenchMarket market = BenchMarket.of(account);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Object action;
        if (!resting.isEmpty() && (resting.size() >= MAX_RESTING || random.nextDouble() < cancels)) {
            String target = resting.remove(random.nextInt(resting.size()));
            action = CancelOrder.newBuilder().setSymbol(market.symbol()).setInstrumentId(market.instrument())
                    .setClientOrderId(target).setExchangeOrderId(null).build();
        } else {
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            // 0.5 % to 2 % away from the mid, on the side where it rests.
            BigDecimal away = BigDecimal.valueOf(5 + random.nextInt(16)).movePointLeft(3);
            String clientOrderId = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            resting.add(clientOrderId);
            action = PlaceOrder.newBuilder().setClientOrderId(clientOrderId).setSymbol(market.symbol())
                    .setInstrumentId(market.instrument()).setSide(side).setOrderType(OrderType.LIMIT)
                    .setTimeInForce(TimeInForce.GTC).setQuantity(market.quantity())
                    .setPrice(market.restingPrice(side == Side.BUY, away)).setStopPrice(null).setReduceOnly(false)
                    .setGoodTillTime(null).build();
        }
        Instant expiresAt = random.nextDouble() < expiring ? now.plusSeconds(10) : null;
        return OrderCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setExchange(market.exchange())
                .setAccount(account).setCreatedAt(now).setExpiresAt(expiresAt).setAction(action).build();
    }
}
