package io.exchangebus.examples.strategy;

import io.exchangebus.avro.topics.TopicKey;
import io.exchangebus.avro.topics.Topics;
import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.CancelOrder;
import io.exchangebus.events.Fill;
import io.exchangebus.events.OrderCommand;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.PriceLevel;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A tiny strategy on ExchangeBus's topics, to copy as a starting point. It reads its instrument's book from
 * {@code market.book.v1}, rests a bid at the book's lowest bid and cancels it, then buys at the asks, all through
 * {@code orders.commands.v1}, and follows its orders on {@code orders.updates.v1}. It knows Kafka and the Avro
 * events only: which exchange is behind the topics is configuration ({@link StrategySettings}).
 *
 * <p>Prices come from the book, so they are on the exchange's tick; quantities are the caller's, in what the
 * instrument counts (BTC on Binance and GRVT, USD on Deribit's inverse perpetual). Money is {@link BigDecimal},
 * never {@code double}. Not thread-safe: one strategy, one thread.
 */
public final class RestThenTakeStrategy implements AutoCloseable {
    /** How long a command stays good: oms-service rejects it as EXPIRED after that, rather than trade late. */
    private static final Duration COMMAND_LIFETIME = Duration.ofSeconds(30);

    private final StrategySettings settings;
    private final KafkaProducer<String, OrderCommand> commands;
    private final KafkaConsumer<String, Object> books;
    private final KafkaConsumer<String, Object> updates;
    private final Map<String, OrderUpdate> latestUpdates = new HashMap<>();
    /** Each order's fills by trade id: an update carries the last fill only. */
    private final Map<String, Map<String, Fill>> fills = new HashMap<>();

    /** Connects; it sees books and updates written from now on. */
    public RestThenTakeStrategy(StrategySettings settings) {
        this.settings = settings;
        this.commands = StrategyClients.commandProducer(settings);
        this.books = StrategyClients.tail(settings, Topics.MARKET_BOOK.name(),
                TopicKey.exchangeSymbol(settings.exchange(), settings.symbol()));
        this.updates = StrategyClients.tail(settings, Topics.ORDER_UPDATES.name(),
                TopicKey.exchangeAccount(settings.exchange(), settings.account()));
    }

    /** What one {@link #trade} did: the commands it sent, the updates that ended each order, the buy's fills. */
    public record Round(OrderCommand rest, OrderUpdate rested, OrderCommand cancel, OrderUpdate canceled,
                        OrderCommand take, OrderUpdate filled, List<Fill> takeFills) {
    }

    /**
     * One round: reads the next book, rests a bid of {@code quantity} at its lowest bid, cancels it once the
     * exchange has it, then buys {@code quantity} at market and waits for the fill. (A limit at the asks last seen
     * would bound the price, but rests unfilled when the market has moved past them by the time it arrives.)
     *
     * @throws IllegalStateException when a step does not happen within {@code timeout}
     */
    public Round trade(BigDecimal quantity, Duration timeout) {
        OrderCommand rest = place(Side.BUY, lowestBid(nextBook(timeout)), quantity);
        OrderUpdate rested = awaitStatus(clientOrderId(rest), Set.of(OrderStatus.NEW), timeout);
        OrderCommand cancel = cancel(clientOrderId(rest));
        OrderUpdate canceled = awaitStatus(clientOrderId(rest), Set.of(OrderStatus.CANCELED), timeout);
        OrderCommand take = buyAtMarket(quantity);
        OrderUpdate filled = awaitStatus(clientOrderId(take), Set.of(OrderStatus.FILLED), timeout);
        return new Round(rest, rested, cancel, canceled, take, filled, fills(clientOrderId(take)));
    }

    /**
     * The next snapshot of the instrument's book with both sides written from now on: what was written before is
     * skipped, so that prices are current.
     *
     * @throws IllegalStateException if none comes within {@code timeout}
     */
    public BookUpdate nextBook(Duration timeout) {
        books.seekToEnd(books.assignment());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : books.poll(Duration.ofMillis(100))) {
                if (record.value() instanceof BookUpdate book && book.getSymbol().equals(settings.symbol())
                        && book.getKind() == BookUpdateKind.SNAPSHOT && !book.getBids().isEmpty()
                        && !book.getAsks().isEmpty()) {
                    return book;
                }
            }
        }
        throw new IllegalStateException("no book of " + settings.exchange() + " " + settings.symbol() + " on "
                + Topics.MARKET_BOOK.name() + " within " + timeout.toSeconds() + " s");
    }

    /** Sends a good-till-canceled limit order; returns the command, whose action holds its client order id. */
    public OrderCommand place(Side side, BigDecimal price, BigDecimal quantity) {
        PlaceOrder order = PlaceOrder.newBuilder()
                .setClientOrderId("ex-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .setSymbol(settings.symbol())
                .setInstrumentId(settings.instrumentId())
                .setSide(side)
                .setOrderType(OrderType.LIMIT)
                .setTimeInForce(null)
                .setQuantity(quantity)
                .setPrice(price)
                .setStopPrice(null)
                .setReduceOnly(false)
                .setGoodTillTime(null)
                .build();
        return send(order);
    }

    /** Sends a market buy; returns the command, whose action holds its client order id. */
    public OrderCommand buyAtMarket(BigDecimal quantity) {
        return send(PlaceOrder.newBuilder()
                .setClientOrderId("ex-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .setSymbol(settings.symbol())
                .setInstrumentId(settings.instrumentId())
                .setSide(Side.BUY)
                .setOrderType(OrderType.MARKET)
                .setTimeInForce(null)
                .setQuantity(quantity)
                .setPrice(null)
                .setStopPrice(null)
                .setReduceOnly(false)
                .setGoodTillTime(null)
                .build());
    }

    /** Sends a cancel of the order {@code clientOrderId}; returns the command. */
    public OrderCommand cancel(String clientOrderId) {
        return send(CancelOrder.newBuilder()
                .setSymbol(settings.symbol())
                .setInstrumentId(settings.instrumentId())
                .setClientOrderId(clientOrderId)
                .setExchangeOrderId(null)
                .build());
    }

    /**
     * Follows {@code orders.updates.v1} until the order {@code clientOrderId} reaches one of {@code statuses}.
     *
     * @throws IllegalStateException if it does not within {@code timeout}, naming the status it was last in
     */
    public OrderUpdate awaitStatus(String clientOrderId, Set<OrderStatus> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OrderUpdate latest = latestUpdates.get(clientOrderId);
            if (latest != null && statuses.contains(latest.getStatus())) {
                return latest;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("order " + clientOrderId + " not " + statuses + " within "
                        + timeout.toSeconds() + " s; last update: " + (latest == null ? "none" : latest.getStatus()));
            }
            for (ConsumerRecord<String, Object> record : updates.poll(Duration.ofMillis(100))) {
                if (record.value() instanceof OrderUpdate update && update.getClientOrderId() != null) {
                    latestUpdates.put(update.getClientOrderId(), update);
                    if (update.getLastFill() != null) {
                        fills.computeIfAbsent(update.getClientOrderId(), id -> new LinkedHashMap<>())
                                .put(update.getLastFill().getTradeId(), update.getLastFill());
                    }
                }
            }
        }
    }

    /** The fills of the order {@code clientOrderId} seen so far on {@code orders.updates.v1}, in order. */
    public List<Fill> fills(String clientOrderId) {
        return List.copyOf(fills.getOrDefault(clientOrderId, Map.of()).values());
    }

    /** The client order id of a place command of this strategy. */
    public static String clientOrderId(OrderCommand place) {
        return ((PlaceOrder) place.getAction()).getClientOrderId();
    }

    private OrderCommand send(Object action) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OrderCommand command = OrderCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setExchange(settings.exchange())
                .setAccount(settings.account())
                .setCreatedAt(now)
                .setExpiresAt(now.plus(COMMAND_LIFETIME))
                .setAction(action)
                .build();
        // Keyed exchange:account, so that one account's commands keep their order on one partition.
        String key = TopicKey.exchangeAccount(settings.exchange(), settings.account());
        try {
            commands.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), key, command)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command " + command.getCommandId() + " not written: " + e, e);
        }
        return command;
    }

    private static BigDecimal lowestBid(BookUpdate book) {
        List<PriceLevel> bids = book.getBids();
        return bids.get(bids.size() - 1).getPrice();
    }

    @Override
    public void close() {
        updates.close();
        books.close();
        commands.close();
    }
}
