package io.exchangebus.connectors.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.binance.config.BinanceConfig;
import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.binance.http.BinanceRestClient;
import io.exchangebus.connectors.binance.mapping.MappingContext;
import io.exchangebus.connectors.binance.mapping.OrderMapping;
import io.exchangebus.connectors.binance.mapping.UnmappableMessageException;
import io.exchangebus.connectors.binance.mapping.UserDataMapping;
import io.exchangebus.connectors.binance.ws.BinanceUserDataStream;
import io.exchangebus.connectors.binance.ws.BinanceWsApiClient;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.http.HttpCall;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.ws.WsSettings;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.OrderUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS's side of the user-data stream: order events from the stream reach the OMS listener through
 * {@link BinanceOms#deliver}; on a gap the open orders ({@code GET openOrders}) and every order the OMS sent
 * that is not known to be final ({@code order.status}) are asked for and reported, so no fill or cancel is lost.
 * On spot the stream shares the OMS's WebSocket API connection; on USD-M it has its listenKey stream.
 */
final class OmsUserData implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OmsUserData.class);
    private static final int RECOVERY_ATTEMPTS = 5;

    private final BinanceOms oms;
    private final BinanceConfig config;
    private final BinanceRestClient rest;
    private final MappingContext recovery;
    private final MappingContext context;
    private final Duration keepAlive;
    /** Client order id to symbol of the orders sent through the OMS and not yet known to be final. */
    private final Map<String, String> unfinished = new ConcurrentHashMap<>();
    private volatile BinanceUserDataStream stream;
    private volatile Oms.Listener listener;
    private volatile boolean closed;

    OmsUserData(BinanceOms oms, BinanceConfig config, BinanceRestClient rest, InstrumentRegistry instruments,
                MappingContext recovery, Duration keepAlive) {
        this.oms = oms;
        this.config = config;
        this.rest = rest;
        this.recovery = recovery;
        this.keepAlive = keepAlive;
        this.context = new MappingContext(config.exchange(), config.requireSigner().account(), instruments,
                EventSource.STREAM);
    }

    /** Starts the stream (spot: on the OMS's client); completes when it is live. */
    CompletableFuture<Result<Void>> start(BinanceWsApiClient client, Oms.Listener listener) {
        this.listener = listener;
        BinanceUserDataStream.Handler handler = new BinanceUserDataStream.Handler() {
            @Override
            public void onEvent(JsonNode event, String raw) {
                OmsUserData.this.onEvent(event, raw);
            }

            @Override
            public void onGap(String reason) {
                recover(reason, 1);
            }
        };
        BinanceUserDataStream s = BinanceUserDataStream.shared(config, rest, client,
                WsSettings.builder(config.exchange() + "-oms-user-data",
                        config.endpoints().rawStream("listenKey")).build(), keepAlive, listener, handler);
        stream = s;
        return s.start();
    }

    /** Spot: a frame of the shared WebSocket API client; true if it was the user-data stream's. */
    boolean accept(JsonNode frame, String raw) {
        BinanceUserDataStream s = stream;
        return s != null && s.accept(frame, raw);
    }

    /**
     * Spot: the shared WebSocket API client dropped frames (its consumer was too slow); order events may be among
     * them, so the stream reports a gap and the orders are recovered as after a reconnect.
     */
    void overflowed(long dropped) {
        BinanceUserDataStream s = stream;
        if (s != null) {
            s.overflowed(dropped);
        }
    }

    /** An order is about to be sent: remember it until it is known to be final. */
    void sent(String symbol, String clientOrderId) {
        if (clientOrderId != null) {
            unfinished.put(clientOrderId, symbol);
        }
    }

    /** An update reached the listener: a final one ends the order's tracking. */
    void delivered(OrderUpdate update) {
        if (update.getClientOrderId() != null && isFinal(update.getStatus())) {
            unfinished.remove(update.getClientOrderId());
        }
    }

    private static boolean isFinal(OrderStatus status) {
        return status == OrderStatus.FILLED || status == OrderStatus.CANCELED
                || status == OrderStatus.PARTIALLY_CANCELED || status == OrderStatus.EXPIRED
                || status == OrderStatus.REJECTED;
    }

    private void onEvent(JsonNode event, String raw) {
        Oms.Listener l = listener;
        if (l == null || closed) {
            return;
        }
        String type = event.path("e").asText("");
        if (!type.equals("executionReport") && !type.equals("ORDER_TRADE_UPDATE")) {
            if (event.isMissingNode()) {
                l.onMalformedFrame(new MalformedFrame(config.exchange(), "user-data", raw, "not JSON",
                        Instant.now()));
            }
            return; // account events are the PMS's
        }
        try {
            UserDataMapping.Mapped mapped = UserDataMapping.map(event, context, Instant.now());
            if (mapped instanceof UserDataMapping.OrderEvent order) {
                oms.deliver(order.update());
            }
        } catch (UnmappableMessageException e) {
            l.onMalformedFrame(new MalformedFrame(config.exchange(), "user-data", raw, e.getMessage(),
                    Instant.now()));
        }
    }

    /** After a gap: report the open orders, then the state of every tracked order not among them. */
    private void recover(String reason, int attempt) {
        if (closed) {
            return;
        }
        LOG.warn("{}: order stream gap ({}); asking for open orders and {} unfinished orders", config.exchange(),
                reason, unfinished.size());
        HttpCall call = HttpCall.get(config.venue().restPrefix() + "/openOrders").withSigning()
                .withWeight(config.venue().rest().openOrdersWeight());
        rest.call(call).thenAccept(r -> {
            if (closed) {
                return;
            }
            if (!r.isOk() || !r.value().isArray()) {
                LOG.warn("{}: open orders after a gap: {}", config.exchange(), r.isOk() ? "not an array" : r.error());
                if (attempt < RECOVERY_ATTEMPTS) {
                    CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS)
                            .execute(() -> recover(reason, attempt + 1));
                }
                return;
            }
            Set<String> open = new HashSet<>();
            for (JsonNode o : r.value()) {
                try {
                    OrderUpdate update = OrderMapping.toUpdate(recovery, o, Instant.now());
                    if (update.getClientOrderId() != null) {
                        open.add(update.getClientOrderId());
                    }
                    oms.deliver(update);
                } catch (UnmappableMessageException e) {
                    Oms.Listener l = listener;
                    if (l != null) {
                        l.onMalformedFrame(new MalformedFrame(config.exchange(), "openOrders", o.toString(),
                                e.getMessage(), Instant.now()));
                    }
                }
            }
            for (Map.Entry<String, String> order : Map.copyOf(unfinished).entrySet()) {
                if (open.contains(order.getKey())) {
                    continue;
                }
                oms.findOrder(order.getValue(), order.getKey()).thenAccept(found -> {
                    if (!found.isOk()) {
                        LOG.warn("{}: order.status of {} after a gap failed: {}", config.exchange(), order.getKey(),
                                found.error());
                    } else if (found.value().isPresent()) {
                        oms.deliver(found.value().get());
                    } else {
                        unfinished.remove(order.getKey()); // the exchange never took it
                    }
                });
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        BinanceUserDataStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
