/**
 * The exchange-neutral core of the loopback exchange simulators: {@link io.exchangebus.sim.Simulator} ties
 * together matching engines ({@code engine}), accounts and API keys ({@code account}), a seeded market-data
 * generator ({@code market}), fault injection ({@code fault}), WebSocket/HTTP/JSON-RPC server bases ({@code server})
 * and login tokens and cookies ({@code auth}).
 * Nothing here knows an exchange's wire format; each exchange simulator renders the engine's events in its own.
 */
package io.exchangebus.sim;
