package io.exchangebus.sim.server;

/** One endpoint of an exchange simulator. An exception is a bug in the simulator and becomes a 500. */
@FunctionalInterface
public interface HttpRoute {
    SimHttpResponse handle(SimHttpRequest request) throws Exception;
}
