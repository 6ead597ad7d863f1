/**
 * Simulated accounts: API keys, spot balances (free/locked) and linear, inverse and option positions, kept
 * consistent by fills.
 */
package io.exchangebus.sim.account;
