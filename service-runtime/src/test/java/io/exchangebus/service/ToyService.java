package io.exchangebus.service;

import io.exchangebus.service.ops.ReadinessCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A service that records what the runner does to it; ready when told. */
class ToyService implements Service {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicBoolean connected = new AtomicBoolean(false);
    volatile Duration closeTimeout;
    private final ServiceContext context;

    ToyService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        calls.add("start");
        context.metrics().messagesIn("toy.in.v1").increment();
    }

    @Override
    public Map<String, ReadinessCheck> readinessChecks() {
        return Map.of("toy-connection", connected::get);
    }

    @Override
    public void close(Duration timeout) throws Exception {
        closeTimeout = timeout;
        calls.add("close");
    }
}
