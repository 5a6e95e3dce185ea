package io.chatkit.core.domain;

/**
 * A value from outside (a request, a cursor, a stored item) that breaks a domain rule. The message names
 * the offending field first ({@code "content: is longer than 5000 characters"}), for the error reply.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** The value's name in the domain ({@code roomId}, {@code content}, …): a protocol may call it otherwise. */
    public String field() {
        return field;
    }

    /** What the value breaks, without the field's name. */
    public String rule() {
        return rule;
    }
}
