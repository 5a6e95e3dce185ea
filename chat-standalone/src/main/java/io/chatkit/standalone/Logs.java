package io.chatkit.standalone;

import io.chatkit.logging.LogLines;
import java.util.logging.Level;

/**
 * Where a standalone runtime's records go: readable lines on standard error, JSON lines on standard output, or none
 * but failures. Installed once, by the runtime's entry ({@link #install()}), never as a side effect.
 */
public enum Logs {
    TEXT, JSON, NONE;

    /** Routes {@code java.util.logging} (the chat's records, the request lines) to this output. */
    public void install() {
        switch (this) {
            case TEXT -> LogLines.install(LogLines.Format.TEXT, Level.INFO, System.err::println);
            case JSON -> LogLines.install(LogLines.Format.JSON, Level.INFO, System.out::println);
            // no request records; a failure still says so (java.util.logging's default would print every record)
            case NONE -> LogLines.install(LogLines.Format.TEXT, Level.SEVERE, System.err::println);
        }
    }
}
