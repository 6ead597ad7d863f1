/**
 * Loopback WebSocket and HTTP server bases that record what they receive and apply injected faults, and a JSON-RPC
 * 2.0 base over the WebSocket one (dispatch table, per-connection sessions, server-initiated heartbeats,
 * channel notifications) for exchanges that speak JSON-RPC.
 */
package io.exchangebus.sim.server;
