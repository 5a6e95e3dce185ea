package io.chatkit.core.domain;

/**
 * A value from outside (a request, a cursor, a stored item) that breaks a domain rule.
 * Carries the name of the offending field so callers can build a precise error reply.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
