/** A deterministic (seeded) synthetic market: a quoting market maker and a taker that prints trades. */
package io.exchangebus.sim.market;
