package io.exchangebus.sim.engine;

/**
 * How long an order may live. GTC rests until filled or canceled; IOC fills what it can now and cancels the rest;
 * FOK fills completely now or not at all (checked before any fill); POST_ONLY rests, and is rejected if it would
 * cross. Market orders never rest: GTC and IOC mean IOC for them, FOK is honoured, POST_ONLY is refused.
 */
public enum TimeInForce {
    GTC,
    IOC,
    FOK,
    POST_ONLY
}
