package io.chatkit.core.service;

import io.chatkit.core.domain.MessageChange;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a room's change sequence and when it was handed out ({@code 42.1733390000000}, as
 * {@link MessageChange#changeId()} writes it): the time says whether the changes after it are still all kept, with no
 * read.
 */
record ChangeCursor(long seq, Instant issuedAt) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})\\.(\\d{1,15})");

    static ChangeCursor of(MessageChange change) {
        return new ChangeCursor(change.seq(), change.at());
    }

    /** The cursor written as {@link #text()} wrote it; empty for anything else. */
    static java.util.Optional<ChangeCursor> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ChangeCursor(Long.parseLong(matcher.group(1)),
                Instant.ofEpochMilli(Long.parseLong(matcher.group(2)))));
    }

    String text() {
        return seq + "." + issuedAt.toEpochMilli();
    }
}
