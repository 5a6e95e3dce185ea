package io.chatkit.core.port.in;

import java.util.Objects;
import java.util.function.Function;

/** What a use case answers: the result, or a rejection the caller turns into an error reply. */
public sealed interface Outcome<T> {

    record Accepted<T>(T value) implements Outcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(Rejection.Code code, String message) {
        return new Rejected<>(new Rejection(code, message));
    }

    static <T> Outcome<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    /** The next step on the accepted value; a rejection passes through unchanged. */
    @SuppressWarnings("unchecked")
    default <R> Outcome<R> then(Function<T, Outcome<R>> next) {
        if (this instanceof Accepted<T> accepted) {
            return next.apply(accepted.value());
        }
        return new Rejected<>(((Rejected<T>) this).rejection());
    }

    default <R> R fold(Function<T, R> onAccepted, Function<Rejection, R> onRejected) {
        if (this instanceof Accepted<T> accepted) {
            return onAccepted.apply(accepted.value());
        }
        return onRejected.apply(((Rejected<T>) this).rejection());
    }
}
