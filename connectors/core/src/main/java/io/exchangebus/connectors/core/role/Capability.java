package io.exchangebus.connectors.core.role;

/**
 * Something a role may or may not be able to do on an exchange. Checked before the call ({@link Capabilities}),
 * so an exchange never gets a request it cannot take, and no role method throws "not implemented".
 */
public enum Capability {
    /** Depth-limited book channels pushed by the exchange at a set frequency (Binance depth5/10/20). */
    BOOK_TOP_N_CHANNEL,
    /** Full-depth diff stream with snapshot-plus-sequence synchronisation. */
    BOOK_FULL_DEPTH,
    /** Public trades. */
    TRADES,
    /** Recent public trades over HTTP from a trade id on (to backfill what a stream missed). */
    TRADE_HISTORY,
    ORDER_LIMIT,
    ORDER_MARKET,
    /** Post-only: rejected (or canceled) if it would take liquidity. */
    ORDER_LIMIT_MAKER,
    ORDER_IMMEDIATE_OR_CANCEL,
    ORDER_FILL_OR_KILL,
    ORDER_STOP_LIMIT,
    ORDER_STOP_MARKET,
    /** Good-till-date orders. */
    TIME_IN_FORCE_GTD,
    /** Orders that may only reduce a derivative position. */
    REDUCE_ONLY,
    /** Replacing (amending) an open order in one request. */
    REPLACE_ORDER,
    /** Canceling every open order of an account in one request. */
    CANCEL_ALL,
    /** Derivative positions (PMS, DataFetcher). */
    POSITIONS,
    /** Past orders over HTTP, paged. */
    ORDER_HISTORY
}
