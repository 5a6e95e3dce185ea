package io.chatkit.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The text of a message: not blank (but for {@link #EMPTY}, the text of a message that carries files), at most
 * {@value #MAX_CODE_POINTS} characters counted as Unicode code points (so an emoji counts once, as a person would
 * count it), nothing that hides or spoofs what others see (control characters other than newline and tab, bidi
 * overrides, only invisible characters: see {@code VisibleText}). Stored verbatim: HTML in it is text, never markup.
 */
public record MessageContent(String text) {
    public static final int MAX_CODE_POINTS = 5_000;
    public static final int PREVIEW_CODE_POINTS = 100;
    /** No text: only a message with attachments has it (its commands refuse it anywhere else). */
    public static final MessageContent EMPTY = new MessageContent("");

    public MessageContent {
        if (text == null) {
            throw new InvalidInputException("content", "is required");
        }
        if (text.isBlank() && !text.isEmpty()) {
            throw new InvalidInputException("content", "must not be blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CODE_POINTS) {
            throw new InvalidInputException("content",
                    "is " + length + " characters, the limit is " + MAX_CODE_POINTS);
        }
        VisibleText.problemIn(text, true).ifPresent(problem -> {
            throw new InvalidInputException("content", problem);
        });
    }

    /** A message's text: never blank ({@link #EMPTY} is the one way to no text). */
    public static MessageContent of(String text) {
        MessageContent content = new MessageContent(text);
        if (content.isEmpty()) {
            throw new InvalidInputException("content", "must not be blank");
        }
        return content;
    }

    /** A text as a store kept it: {@link #EMPTY} for a message of files alone. */
    public static MessageContent stored(String text) {
        return text.isEmpty() ? EMPTY : of(text);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The first {@value #PREVIEW_CODE_POINTS} characters, never splitting a surrogate pair. */
    public String preview() {
        int count = text.codePointCount(0, text.length());
        if (count <= PREVIEW_CODE_POINTS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_CODE_POINTS));
    }

    /**
     * A short value that differs between different texts (SHA-256 of the UTF-8 bytes, base64url): what an
     * idempotency record keeps to tell a retry of a message from a new message under a reused id.
     */
    public String fingerprint() {
        return sha256(text);
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
