/** Loopback WebSocket and HTTP server bases that record what they receive and apply injected faults. */
package io.exchangebus.sim.server;
