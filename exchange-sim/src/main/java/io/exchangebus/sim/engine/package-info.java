/**
 * Price-time priority matching per instrument, exact in {@link java.math.BigDecimal}: orders, fills with fees,
 * and book diffs numbered by strictly increasing update ids. See {@link io.exchangebus.sim.engine.MatchingEngine}
 * for threading and sequencing.
 */
package io.exchangebus.sim.engine;
