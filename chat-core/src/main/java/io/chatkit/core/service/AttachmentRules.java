package io.chatkit.core.service;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What may be attached, and for how long its URLs work.
 *
 * @param maxFileBytes   the largest file, in bytes
 * @param maxPerMessage  the most files one message may carry
 * @param contentTypes   the types that may be uploaded; anything else is {@code INVALID_INPUT}
 * @param inlineTypes    the types a browser is let show in the page (images); every other file downloads as a file.
 *                       {@code image/svg+xml} is never one: an SVG can carry script
 * @param uploadWindow   how long a granted upload may take to start
 * @param downloadLife   how long a download URL works; a reader asks a new one after ({@code getAttachmentUrl})
 * @param uploads        each user's allowance of granted uploads
 * @param uploadMegabytes each user's allowance of bytes granted, in megabytes: an upload takes its size, rounded up
 */
public record AttachmentRules(long maxFileBytes, int maxPerMessage, Set<String> contentTypes,
                              Set<String> inlineTypes, Duration uploadWindow, Duration downloadLife,
                              RateLimit uploads, RateLimit uploadMegabytes) {
    public static final long MEGABYTE = 1024L * 1024;
    private static final String SVG = "image/svg+xml";

    /**
     * 25 MB a file, 10 files a message; images (PNG, JPEG, GIF, WebP), PDF and plain text; uploads start within
     * 5 minutes; downloads work for an hour; 50 uploads and 500 MB a user an hour.
     */
    public static final AttachmentRules DEFAULTS = new AttachmentRules(25 * MEGABYTE, 10,
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"),
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp"),
            Duration.ofMinutes(5), Duration.ofHours(1), RateLimit.perHour("uploads", 50),
            RateLimit.perHour("uploadMegabytes", 500));

    public AttachmentRules {
        contentTypes = Set.copyOf(contentTypes);
        inlineTypes = Set.copyOf(inlineTypes);
        Objects.requireNonNull(uploadWindow, "uploadWindow");
        Objects.requireNonNull(downloadLife, "downloadLife");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(uploadMegabytes, "uploadMegabytes");
        if (maxFileBytes < 1 || maxPerMessage < 1 || maxPerMessage > 100) {
            throw new IllegalArgumentException("maxFileBytes must be positive and maxPerMessage 1-100");
        }
        contentTypes.forEach(Attachment::requireContentType);
        if (!contentTypes.containsAll(inlineTypes) || inlineTypes.contains(SVG)
                || inlineTypes.stream().anyMatch(type -> !type.startsWith("image/"))) {
            throw new IllegalArgumentException("inline types must be images that may be uploaded, never " + SVG
                    + ": " + inlineTypes);
        }
        if (megabytesOf(maxFileBytes) > uploadMegabytes.burst()) {
            throw new IllegalArgumentException("the largest file (" + maxFileBytes + " bytes) must fit in the hourly "
                    + "allowance of " + uploadMegabytes.burst() + " MB");
        }
        if (uploadWindow.compareTo(Duration.ofMinutes(1)) < 0 || uploadWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("uploadWindow must be 1 minute to 1 hour: " + uploadWindow);
        }
        if (downloadLife.compareTo(Duration.ofMinutes(15)) < 0 || downloadLife.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("downloadLife must be 15 minutes to 7 days: " + downloadLife);
        }
    }

    /**
     * The limits a deployment sets, at once (each is checked against the others): the largest file, and each user's
     * uploads and megabytes an hour.
     */
    public AttachmentRules withLimits(int maxFileMegabytes, int uploadsPerHour, int megabytesPerHour) {
        return new AttachmentRules(maxFileMegabytes * MEGABYTE, maxPerMessage, contentTypes, inlineTypes,
                uploadWindow, downloadLife, RateLimit.perHour(uploads.name(), uploadsPerHour),
                RateLimit.perHour(uploadMegabytes.name(), megabytesPerHour));
    }

    public AttachmentRules withMaxFileBytes(long bytes) {
        return new AttachmentRules(bytes, maxPerMessage, contentTypes, inlineTypes, uploadWindow, downloadLife,
                uploads, uploadMegabytes);
    }

    public AttachmentRules withUploadsPerHour(int count, int megabytes) {
        return new AttachmentRules(maxFileBytes, maxPerMessage, contentTypes, inlineTypes, uploadWindow,
                downloadLife, RateLimit.perHour(uploads.name(), count),
                RateLimit.perHour(uploadMegabytes.name(), megabytes));
    }

    /** What an upload of {@code bytes} takes from {@link #uploadMegabytes}: its megabytes, rounded up, one at least. */
    public RateLimit megabytesFor(long bytes) {
        return uploadMegabytes.withCost((int) Math.max(1, megabytesOf(bytes)));
    }

    private static long megabytesOf(long bytes) {
        return (bytes + MEGABYTE - 1) / MEGABYTE;
    }

    /** Whether a browser may show a file of this type in the page rather than save it. */
    public boolean showsInline(String contentType) {
        return inlineTypes.contains(contentType);
    }
}
