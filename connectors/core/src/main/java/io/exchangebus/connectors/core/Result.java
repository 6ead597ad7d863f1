package io.exchangebus.connectors.core;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The outcome of a call to an exchange: a value, or the {@link ExchangeError} that stopped it. Errors the exchange
 * or the network can cause are values, not exceptions; exceptions are for bugs.
 *
 * @param <T> the value's type
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /** A success with a value, which must not be null (use {@link #ok()} for a call that returns nothing). */
    static <T> Result<T> ok(T value) {
        return new Ok<>(Objects.requireNonNull(value, "value"));
    }

    /** The success of a call that returns nothing: {@code connect}, {@code unsubscribe}. */
    static Result<Void> ok() {
        return Ok.VOID;
    }

    static <T> Result<T> err(ExchangeError error) {
        return new Err<>(error);
    }

    /** The value of a success; null only in the success of a {@code Result<Void>}. */
    record Ok<T>(T value) implements Result<T> {
        private static final Ok<Void> VOID = new Ok<>(null);
    }

    /** The error of a failure. */
    record Err<T>(ExchangeError error) implements Result<T> {
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws if this is an error (a bug in the caller, who should have checked). */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("Result is an error, not a value: " + ((Err<T>) this).error());
    }

    /** The error; throws if this is a value. */
    default ExchangeError error() {
        if (this instanceof Err<T> err) {
            return err.error();
        }
        throw new IllegalStateException("Result is a value, not an error");
    }

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Err<>(((Err<T>) this).error());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Err<>(((Err<T>) this).error());
    }

    default Result<T> ifOk(Consumer<? super T> action) {
        if (this instanceof Ok<T> ok) {
            action.accept(ok.value());
        }
        return this;
    }
}
