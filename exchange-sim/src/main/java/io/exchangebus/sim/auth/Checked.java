package io.exchangebus.sim.auth;

import java.util.Objects;

/** The outcome of checking a credential: the session it stands for, or why it is refused. */
public sealed interface Checked<T> {

    record Valid<T>(T session) implements Checked<T> {
        public Valid {
            Objects.requireNonNull(session, "session");
        }
    }

    record Refused<T>(Refusal reason) implements Checked<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isValid() {
        return this instanceof Valid<T>;
    }
}
