package io.chatkit.standalone;

import io.chatkit.core.port.out.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blob store of a runtime on a laptop or a server of its own: files under a folder, uploaded and downloaded
 * through this runtime's loopback port ({@link FolderBlobHandler}) with the rules S3 applies to signed requests — an
 * HMAC over the method, the key, the time it ends and, for an upload, the exact size and type, so that another size,
 * another type, a changed URL or a late request is refused (403). The key is this process's own: a URL signed before
 * a restart no longer works, and the chat signs a new one whenever it hands one out.
 */
public final class FolderBlobStore implements BlobStore {
    /** The path under the runtime's port where blobs are uploaded and downloaded. */
    public static final String PATH = "/blobs/";

    private final Path objects;
    private final Path types;
    private final Path incoming;
    private final Supplier<URI> base;
    private final byte[] secret;
    private final Clock clock;

    /**
     * @param folder where the files go (created if missing)
     * @param origin the runtime's address ({@code http://127.0.0.1:port}), known once it listens
     */
    public FolderBlobStore(Path folder, Supplier<URI> origin, Clock clock) {
        this.objects = folder.resolve("objects");
        this.types = folder.resolve("types");
        this.incoming = folder.resolve("incoming");
        this.base = origin;
        this.clock = clock;
        this.secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createDirectories(objects);
            Files.createDirectories(types);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + folder + " for attachments", e);
        }
    }

    @Override
    public SignedRequest signUpload(Key key, String contentType, long size, Instant expiresAt) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("expires", Long.toString(expiresAt.getEpochSecond()));
        query.put("size", Long.toString(size));
        query.put("type", contentType);
        return new SignedRequest(signed("PUT", key, query), "PUT", Map.of("Content-Type", contentType), expiresAt);
    }

    @Override
    public Optional<StoredBlob> find(Key key) {
        try {
            long size = Files.size(objects.resolve(key.value()));
            return Optional.of(new StoredBlob(size, Files.readString(types.resolve(key.value()))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SignedRequest signDownload(Key key, String fileName, boolean inline, Instant expiresAt) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("expires", Long.toString(expiresAt.getEpochSecond()));
        query.put("disposition", BlobStore.contentDisposition(fileName, inline));
        return new SignedRequest(signed("GET", key, query), "GET", Map.of(), expiresAt);
    }

    @Override
    public void delete(Key key) {
        try {
            Files.deleteIfExists(objects.resolve(key.value()));
            Files.deleteIfExists(types.resolve(key.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code query} carries a signature this store made for {@code method} on {@code key}, still in time. */
    boolean accepts(String method, Key key, Map<String, String> query) {
        String expires = query.get("expires");
        String signature = query.get("signature");
        if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return false;
        }
        Map<String, String> signedPart = new LinkedHashMap<>(query);
        signedPart.remove("signature");
        boolean authentic = MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signature(method, key, signedPart).getBytes(StandardCharsets.US_ASCII));
        return authentic && clock.instant().getEpochSecond() <= Long.parseLong(expires);
    }

    /** Stores {@code size} bytes of {@code contentType} read from {@code body}; whole, or nothing. */
    void put(Key key, String contentType, long size, InputStream body) throws IOException {
        Path part = Files.createTempFile(incoming, "upload", ".part");
        try {
            long copied;
            try (var out = Files.newOutputStream(part)) {
                copied = body.transferTo(out);
            }
            if (copied != size) {
                throw new IOException("the body held " + copied + " bytes, not the " + size + " signed");
            }
            Path object = objects.resolve(key.value());
            Files.createDirectories(object.getParent());
            Files.createDirectories(types.resolve(key.value()).getParent());
            Files.writeString(types.resolve(key.value()), contentType);
            Files.move(part, object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The stored file, for a download. */
    Path fileOf(Key key) {
        return objects.resolve(key.value());
    }

    private URI signed(String method, Key key, Map<String, String> query) {
        StringBuilder url = new StringBuilder(base.get().toString().replaceAll("/$", "")).append(PATH)
                .append(key.value()).append('?');
        query.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
        return URI.create(url.append("signature=").append(signature(method, key, query)).toString());
    }

    private String signature(String method, Key key, Map<String, String> query) {
        StringBuilder signed = new StringBuilder(method).append('\n').append(key.value());
        new TreeMap<>(query).forEach((name, value) -> signed.append('\n').append(name).append('=').append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
