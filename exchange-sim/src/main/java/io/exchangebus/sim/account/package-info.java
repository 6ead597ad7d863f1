/** Simulated accounts: API keys, spot balances (free/locked) and linear positions, kept consistent by fills. */
package io.exchangebus.sim.account;
