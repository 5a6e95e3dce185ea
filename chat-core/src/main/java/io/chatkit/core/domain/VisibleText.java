package io.chatkit.core.domain;

import java.util.Optional;

/**
 * What a text shown to other people may hold: no character that hides or spoofs what they see. Refused are control
 * characters (C0, DEL and C1; a message may hold newline and tab), the bidi embedding, override and isolate
 * characters (U+202A–U+202E, U+2066–U+2069: they make text read backwards, file names included), and text that is
 * nothing but blank or invisible characters (zero-width and other format characters, variation selectors, fillers).
 */
final class VisibleText {
    private VisibleText() {
    }

    /** Why the text breaks the rules, or empty; {@code lineBreaks}: newline and tab are allowed. */
    static Optional<String> problemIn(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\t'))) {
                return Optional.of("must not contain control characters" + (lineBreaks ? " other than newline and tab"
                        : "") + " (" + unicode(c) + " at " + i + ")");
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return Optional.of("must not contain bidi embedding, override or isolate characters (" + unicode(c)
                        + " at " + i + ")");
            }
            i += Character.charCount(c);
        }
        if (!text.isEmpty() && text.codePoints().allMatch(VisibleText::isInvisible)) {
            return Optional.of("must contain a visible character, not only blank or invisible ones");
        }
        return Optional.empty();
    }

    private static boolean isInvisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) // variation selectors
                || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }

    private static String unicode(int c) {
        return String.format("U+%04X", c);
    }
}
