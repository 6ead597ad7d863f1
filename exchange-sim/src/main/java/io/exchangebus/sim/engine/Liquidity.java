package io.exchangebus.sim.engine;

/** Whether an order's side of a fill rested in the book (maker) or arrived and took liquidity (taker). */
public enum Liquidity {
    MAKER,
    TAKER
}
