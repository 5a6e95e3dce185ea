package io.chatkit.core.domain;

/**
 * A value from outside (a request, a cursor, a stored item) that breaks a domain rule. The message names
 * the offending field first ({@code "content: is longer than 5000 characters"}), for the error reply.
 */
public final class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
    }
}
