package io.exchangebus.connectors.core.rpc;

/**
 * Told that the connection's hand-off queue overflowed and {@code dropped} frames were lost, before the next frame
 * is delivered (see {@link io.exchangebus.connectors.core.ws.OverflowPolicy}). Lost frames may be notifications (a
 * book must resync from a snapshot, private state be recovered by asking) or answers (their requests then time out,
 * outcome unknown). Called on the consumer thread. Every client must declare one: a gap is never swallowed.
 */
@FunctionalInterface
public interface OverflowHandler {

    void onOverflow(long dropped);
}
