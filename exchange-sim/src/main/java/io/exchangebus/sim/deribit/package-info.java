/**
 * A loopback Deribit (API v2): JSON-RPC over WebSocket and HTTP, public and private channels, order entry on the
 * framework's matching engine, client-signature authentication, heartbeats, credit limits and faults.
 * {@link io.exchangebus.sim.deribit.DeribitSimulator} is the entry point.
 */
package io.exchangebus.sim.deribit;
