package io.exchangebus.streams.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One open live feed: an HTTP exchange whose headers are sent, written by a thread of its own from a bounded queue
 * of encoded events. The ops server's threads never write to it, and a client that stalls stalls only this thread:
 * when its queue is full it is dropped instead of growing without end.
 */
final class DashboardClient {
    /** Pushes a client may fall behind by (a few seconds at the default interval) before it is dropped. */
    static final int QUEUE = 64;

    private final HttpExchange exchange;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final BiConsumer<DashboardClient, String> onClosed;
    private final Thread writer;
    private volatile boolean closed;

    /** @param onClosed told once, with the reason ({@code write-failed}, {@code too-slow}, {@code closed}) */
    DashboardClient(HttpExchange exchange, String name, BiConsumer<DashboardClient, String> onClosed) {
        this.exchange = exchange;
        this.onClosed = onClosed;
        this.writer = new Thread(this::write, name);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /** Queues one encoded event; false (and the client dropped) if it is closed or too far behind. */
    boolean offer(byte[] frame) {
        if (closed) {
            return false;
        }
        if (!queue.offer(frame)) {
            close("too-slow");
            return false;
        }
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends the feed; the writer thread closes the exchange. Idempotent. */
    void close(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // A writer blocked on a stalled socket is interrupted; the server's channel closes on interrupt.
        writer.interrupt();
        onClosed.accept(this, reason);
    }

    private void write() {
        OutputStream out = exchange.getResponseBody();
        try {
            while (!closed) {
                byte[] frame = queue.poll(1, TimeUnit.SECONDS);
                if (frame != null) {
                    out.write(frame);
                    out.flush();
                }
            }
        } catch (IOException e) {
            close("write-failed");
        } catch (InterruptedException e) {
            close("closed");
        } finally {
            try {
                exchange.close();
            } catch (RuntimeException alreadyBroken) {
                // The connection is gone already; closing it again has nothing to do.
            }
        }
    }
}
