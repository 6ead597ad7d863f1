package io.exchangebus.sim.engine;

/** Why an order ended with a remainder. Exchange simulators map these to their own statuses (e.g. EXPIRED). */
public enum CancelReason {
    /** The owner canceled it. */
    USER,
    /** Canceled by a cancel-all of its account. */
    CANCEL_ALL,
    /** IOC or market order: the part that could not fill at once. */
    IMMEDIATE_REMAINDER,
    /** FOK order that could not fill completely: nothing was filled. */
    FOK_NOT_FILLABLE
}
