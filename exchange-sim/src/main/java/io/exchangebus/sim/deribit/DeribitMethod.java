package io.exchangebus.sim.deribit;

import io.exchangebus.sim.server.JsonRpcReply;

/** A Deribit method, served alike over WebSocket and HTTP. */
@FunctionalInterface
interface DeribitMethod {
    JsonRpcReply handle(DeribitCall call);
}
