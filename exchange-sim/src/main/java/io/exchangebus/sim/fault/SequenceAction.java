package io.exchangebus.sim.fault;

/** What to do with the next sequenced frame (one that carries a sequence or update id). */
public enum SequenceAction {
    SEND,
    /** Do not send it: the client sees a gap in the sequence. */
    SKIP,
    /** Send it twice: the client sees a duplicate. */
    REPEAT
}
