package io.exchangebus.connectors.core.ws;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue between the socket's reader and the {@link WsHandler}, and the one consumer thread that drains
 * it. {@link #offer(Object)} never waits: a full queue drops the frame and counts it (see {@link OverflowPolicy}).
 *
 * <p>Invariant behind "never late": the reader counts a drop in {@code unreported} before it offers any later frame,
 * and the consumer reads {@code unreported} after taking a frame and before delivering it; the queue's hand-over
 * orders the two, so a drop is always reported before every frame read after it.
 */
final class FrameHandOff {

    private static final Logger LOG = LoggerFactory.getLogger(FrameHandOff.class);

    private final String name;
    private final WsHandler handler;
    private final LongConsumer dropsReported;
    private final ArrayBlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread consumer;
    private volatile boolean running = true;

    /** @param dropsReported told of each overflow signal, on the consumer thread, just before the handler is */
    FrameHandOff(String name, WsHandler handler, int capacity, LongConsumer dropsReported) {
        this.name = name;
        this.handler = handler;
        this.dropsReported = dropsReported;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.consumer = new Thread(this::drain, "ws-" + name + "-consumer");
        this.consumer.setDaemon(true);
    }

    void start() {
        consumer.start();
    }

    /**
     * Queues a frame (text as a String or as UTF-8 bytes, binary as a ByteBuffer); false, counted, if the queue is
     * full. Never blocks.
     */
    boolean offer(Object frame) {
        if (queue.offer(frame)) {
            return true;
        }
        dropped.incrementAndGet();
        unreported.incrementAndGet();
        return false;
    }

    long dropped() {
        return dropped.get();
    }

    long delivered() {
        return delivered.get();
    }

    /** Stops the consumer, discarding queued frames; waits up to {@code wait} unless called from the consumer. */
    void stop(long waitMillis) {
        running = false;
        consumer.interrupt();
        if (Thread.currentThread() != consumer) {
            try {
                consumer.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (consumer.isAlive()) {
                LOG.warn("ws {}: handler did not return within {} ms of close; its thread is left to finish", name,
                        waitMillis);
            }
        }
        queue.clear();
    }

    private void drain() {
        while (running) {
            Object frame;
            try {
                frame = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                continue;
            }
            long gap = unreported.getAndSet(0);
            if (gap > 0) {
                overflowed(gap);
            }
            if (frame instanceof byte[] utf8) {
                call(() -> handler.onText(utf8), "onText");
            } else if (frame instanceof String text) {
                call(() -> handler.onMessage(text), "onMessage");
            } else {
                call(() -> handler.onBinary((ByteBuffer) frame), "onBinary");
            }
            delivered.incrementAndGet();
        }
    }

    /** Cold path, out of the drain loop: count it for the listener, then let the handler recover. */
    private void overflowed(long gap) {
        call(() -> dropsReported.accept(gap), "drop report");
        call(() -> handler.onOverflow(gap), "onOverflow");
    }

    private void call(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // The frame is not logged: it may be account data.
            LOG.warn("ws {}: handler {} threw; continuing with the next frame", name, what, e);
        }
    }
}
