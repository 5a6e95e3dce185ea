package io.chatkit.core.domain;

import java.util.regex.Pattern;

/**
 * The character set every identifier must stay within. Stores build keys such as
 * {@code CHATROOM#{roomId}} and {@code USER#{userId}}, so an id must never contain {@code #}
 * (or anything else that could step into another key's namespace), whitespace or control characters.
 * API Gateway connection ids (base64, often ending in {@code =}) and Cognito subs fit.
 */
final class SafeId {
    static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@=+/-]{1," + MAX_LENGTH + "}");

    private SafeId() {
    }

    static String require(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidInputException(field,
                    "must be 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ : @ = + / -");
        }
        return value;
    }
}
