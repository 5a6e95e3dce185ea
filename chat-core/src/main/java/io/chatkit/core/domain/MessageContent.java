package io.chatkit.core.domain;

/**
 * The text of a message: not blank, at most {@value #MAX_CODE_POINTS} characters counted as
 * Unicode code points (so an emoji counts once, as a person would count it). Stored verbatim:
 * HTML in it is text, never markup.
 */
public record MessageContent(String text) {
    public static final int MAX_CODE_POINTS = 5_000;
    public static final int PREVIEW_CODE_POINTS = 100;

    public MessageContent {
        if (text == null) {
            throw new InvalidInputException("content", "is required");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("content", "must not be blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CODE_POINTS) {
            throw new InvalidInputException("content",
                    "is " + length + " characters, the limit is " + MAX_CODE_POINTS);
        }
    }

    public static MessageContent of(String text) {
        return new MessageContent(text);
    }

    /** The first {@value #PREVIEW_CODE_POINTS} characters, never splitting a surrogate pair. */
    public String preview() {
        int count = text.codePointCount(0, text.length());
        if (count <= PREVIEW_CODE_POINTS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_CODE_POINTS));
    }
}
