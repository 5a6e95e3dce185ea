package io.chatkit.core.port.out;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the bytes of attachments live: an S3 bucket on AWS, a folder of the runtime's on a laptop. The chat never
 * carries the bytes (a WebSocket message is at most 128 KB): it signs a request the client makes straight to the
 * store, looks at what arrived, and signs downloads. Signing is local work; {@link #find} and {@link #delete} are one
 * request each.
 */
public interface BlobStore {
    /**
     * Where the chat has files uploaded until a message keeps them ({@link #keep}): a store drops what stays there a
     * day (on S3, the bucket's lifecycle rule), so that a file granted and never sent goes by itself.
     */
    String PENDING_PREFIX = "pending/";

    /**
     * A request that puts exactly {@code size} bytes of {@code contentType} at {@code key} until {@code expiresAt},
     * with {@code metadata} kept beside them: the size, the type and the metadata are part of what is signed, so the
     * store itself refuses another size, another type, other metadata, or a request after that time.
     *
     * @param metadata names of lower-case letters, digits and {@code -}; values of printable ASCII
     */
    SignedRequest signUpload(Key key, String contentType, long size, Map<String, String> metadata,
                             Instant expiresAt);

    /** What is stored at {@code key}: its size, type and metadata as the store has them; empty if nothing is. */
    Optional<StoredBlob> find(Key key);

    /**
     * A request that downloads what is at {@code key} until {@code expiresAt}: shown in the browser when
     * {@code inline}, otherwise saved as a file named {@code fileName} ({@code Content-Disposition: attachment}).
     */
    SignedRequest signDownload(Key key, String fileName, boolean inline, Instant expiresAt);

    /**
     * Keeps what was uploaded to {@code pending} at {@code kept}, metadata included: one request (a copy on S3, whose
     * lifecycle rule drops what stays under the pending prefix; a move in a folder). Nothing at {@code pending} is
     * fine if {@code kept} holds it already (a retry).
     */
    void keep(Key pending, Key kept);

    /** Removes what is at {@code key}; nothing there is fine. */
    void delete(Key key);

    /**
     * The {@code Content-Disposition} of a download: {@code inline}, or {@code attachment} with the file's name twice
     * (RFC 6266) — quoted in ASCII for old clients (other characters as {@code _}) and exact in UTF-8.
     */
    static String contentDisposition(String fileName, boolean inline) {
        if (inline) {
            return "inline";
        }
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(
                c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String exact = java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }

    /** Where an object is: segments of letters, digits, {@code . _ -} joined by {@code /}, at most 512 characters. */
    record Key(String value) {
        private static final Pattern SHAPE =
                Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

        public Key {
            Objects.requireNonNull(value, "value");
            if (value.length() > 512 || !SHAPE.matcher(value).matches()) {
                throw new IllegalArgumentException("not a blob key: " + value);
            }
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * A request the client makes itself: {@code method} on {@code url} with these {@code headers} (besides those its
     * HTTP stack sets, such as {@code Content-Length}), accepted until {@code expiresAt}.
     */
    record SignedRequest(URI url, String method, Map<String, String> headers, Instant expiresAt) {
        public SignedRequest {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(expiresAt, "expiresAt");
            headers = Map.copyOf(headers);
        }
    }

    /** An object as the store has it. */
    record StoredBlob(long size, String contentType, Map<String, String> metadata) {
        public StoredBlob {
            Objects.requireNonNull(contentType, "contentType");
            metadata = Map.copyOf(metadata);
        }
    }

    /** Whether {@code metadata} may be kept with an object: see {@link #signUpload}. */
    static void requireMetadata(Map<String, String> metadata) {
        metadata.forEach((name, value) -> {
            if (!name.matches("[a-z0-9][a-z0-9-]{0,63}") || !value.matches("[\\x20-\\x7e]{0,1024}")) {
                throw new IllegalArgumentException("metadata must be named in [a-z0-9-] and hold printable ASCII: "
                        + name);
            }
        });
    }
}
