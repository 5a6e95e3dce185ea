package io.chatkit.core.domain;

import java.util.Objects;

/**
 * A reaction: one emoji, as a user sees one — a single grapheme of at most {@value #MAX_UTF16_UNITS} UTF-16 units
 * (a flag, a skin tone, a family joined by zero-width joiners fit) whose first code point is a symbol
 * ({@code So}), a regional indicator, or the digit, {@code #} or {@code *} of a keycap ({@code 1️⃣}).
 */
public record Emoji(String value) {
    public static final int MAX_UTF16_UNITS = 16;

    public Emoji {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_UTF16_UNITS || graphemes(value) != 1 || !startsAsEmoji(value)) {
            throw new InvalidInputException("emoji", "must be one emoji of at most " + MAX_UTF16_UNITS
                    + " UTF-16 units");
        }
    }

    public static Emoji of(String value) {
        return new Emoji(value);
    }

    /** Extended grapheme clusters, as {@code \\X} matches them (emoji sequences included). */
    private static final java.util.regex.Pattern GRAPHEME = java.util.regex.Pattern.compile("\\X");

    private static int graphemes(String text) {
        java.util.regex.Matcher matcher = GRAPHEME.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static boolean startsAsEmoji(String text) {
        int first = text.codePointAt(0);
        if (Character.getType(first) == Character.OTHER_SYMBOL || (first >= 0x1F1E6 && first <= 0x1F1FF)) {
            return true;
        }
        return (Character.isDigit(first) || first == '#' || first == '*') && text.endsWith("\u20E3");
    }
}
