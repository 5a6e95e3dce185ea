package io.chatkit.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file sent with a message: its id, the name it had on the sender's machine, its type and its exact size, as the
 * upload was granted and then found stored. Its bytes are in the chat's blob store, never in a message; a reader
 * gets them through {@code download}, a signed URL made when the message is read (it is never stored).
 */
public record Attachment(AttachmentId id, String fileName, String contentType, long size,
                         Optional<Download> download) {
    /** The longest file name kept, in UTF-16 units (most file systems allow 255). */
    public static final int MAX_FILE_NAME = 255;
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(download, "download");
        fileName = requireFileName(fileName);
        contentType = requireContentType(contentType);
        if (size < 1) {
            throw new InvalidInputException("size", "must be at least 1 byte: " + size);
        }
    }

    /** As stored: no download URL yet. */
    public Attachment(AttachmentId id, String fileName, String contentType, long size) {
        this(id, fileName, contentType, size, Optional.empty());
    }

    /** The same attachment with a download URL signed for its reader. */
    public Attachment withDownload(Download signed) {
        return new Attachment(id, fileName, contentType, size, Optional.of(signed));
    }

    /** A signed URL that downloads the file until {@code expiresAt}. */
    public record Download(URI url, Instant expiresAt) {
        public Download {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A file name as given, 1-{@value #MAX_FILE_NAME} UTF-16 units, without control characters or path separators:
     * it only ever names a download.
     */
    public static String requireFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidInputException("fileName", "is required");
        }
        if (fileName.length() > MAX_FILE_NAME) {
            throw new InvalidInputException("fileName", "must be at most " + MAX_FILE_NAME + " characters");
        }
        if (fileName.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
            throw new InvalidInputException("fileName", "must not hold control characters, / or \\");
        }
        return fileName;
    }

    /** A media type, {@code type/subtype} in lower case, without parameters. */
    public static String requireContentType(String contentType) {
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new InvalidInputException("contentType", "must be a media type such as image/png, in lower case");
        }
        return contentType;
    }
}
