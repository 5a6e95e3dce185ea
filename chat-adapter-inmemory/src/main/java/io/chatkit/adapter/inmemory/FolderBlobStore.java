package io.chatkit.adapter.inmemory;

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
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blob store of a runtime on a laptop or a server of its own: files under a folder, uploaded and downloaded
 * through the runtime's loopback port (it hands {@link #PATH}'s requests to {@link #receive} and {@link #serve}) with
 * the rules S3 applies to signed requests — an
 * HMAC over the method, the key, the time it ends and, for an upload, the exact size and type, so that another size,
 * another type, a changed URL or a late request is refused (403). The key is this process's own: a URL signed before
 * a restart no longer works, and the chat signs a new one whenever it hands one out.
 */
public final class FolderBlobStore implements BlobStore {
    /** The path under the runtime's port where blobs are uploaded and downloaded. */
    public static final String PATH = "/blobs/";
    /** How long a file stays under {@link BlobStore#PENDING_PREFIX} before it is deleted. */
    public static final java.time.Duration PENDING_LIFE = java.time.Duration.ofDays(1);
    /** The prefix of a signed metadata parameter. */
    private static final String META = "meta-";

    private final Path objects;
    /** Beside each object: its type and metadata, as a properties file. */
    private final Path facts;
    private final Path incoming;
    private final Supplier<URI> base;
    private final byte[] secret;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastSweep =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param folder where the files go (created if missing)
     * @param origin the runtime's address ({@code http://127.0.0.1:port}), known once it listens
     */
    public FolderBlobStore(Path folder, Supplier<URI> origin, Clock clock) {
        this.objects = folder.resolve("objects");
        this.facts = folder.resolve("facts");
        this.incoming = folder.resolve("incoming");
        this.base = origin;
        this.clock = clock;
        this.secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createDirectories(objects);
            Files.createDirectories(facts);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + folder + " for attachments", e);
        }
    }

    /** The size, the type and the metadata go in the signed URL: the client sends only the type as a header. */
    @Override
    public SignedRequest signUpload(Key key, String contentType, long size, Map<String, String> metadata,
                                    Instant expiresAt) {
        BlobStore.requireMetadata(metadata);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("expires", Long.toString(expiresAt.getEpochSecond()));
        query.put("size", Long.toString(size));
        query.put("type", contentType);
        metadata.forEach((name, value) -> query.put(META + name, value));
        return new SignedRequest(signed("PUT", key, query), "PUT", Map.of("Content-Type", contentType), expiresAt);
    }

    @Override
    public Optional<StoredBlob> find(Key key) {
        try {
            long size = Files.size(objects.resolve(key.value()));
            Properties facts = new Properties();
            try (var in = Files.newBufferedReader(factsOf(key), StandardCharsets.UTF_8)) {
                facts.load(in);
            }
            Map<String, String> metadata = new TreeMap<>();
            facts.stringPropertyNames().stream().filter(name -> name.startsWith(META))
                    .forEach(name -> metadata.put(name.substring(META.length()), facts.getProperty(name)));
            return Optional.of(new StoredBlob(size, facts.getProperty("type"), metadata));
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

    /** A move of the file and its facts: nothing stays pending. */
    @Override
    public void keep(Key pending, Key kept) {
        try {
            Files.createDirectories(objects.resolve(kept.value()).getParent());
            Files.createDirectories(factsOf(kept).getParent());
            Files.move(objects.resolve(pending.value()), objects.resolve(kept.value()),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(factsOf(pending), factsOf(kept), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            if (find(kept).isEmpty()) {
                throw new UncheckedIOException("nothing to keep at " + pending, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(Key key) {
        try {
            Files.deleteIfExists(objects.resolve(key.value()));
            Files.deleteIfExists(factsOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a request to {@link #PATH} gets: its HTTP status, and a word on why. */
    public record Answer(int status, String message) {
    }

    /** A download to serve: the file with its type, size and disposition. */
    public record Served(Path file, String contentType, long size, String disposition) {
    }

    /**
     * An upload as the runtime's server received it: {@code path} under {@link #PATH}, the URL's query, the request's
     * {@code Content-Type} and {@code Content-Length} and its body. 200 once stored whole; 403 (nothing stored) if
     * the signature does not match, its time is over, or the size or the type is not the one signed.
     */
    public Answer receive(String path, Map<String, String> query, String contentType, long contentLength,
                          InputStream body) {
        sweepPendingHourly();
        Optional<Key> key = keyOf(path);
        if (key.isEmpty() || !accepts("PUT", key.get(), query)) {
            return new Answer(403, "the signature does not match, or its time is over");
        }
        long size = Long.parseLong(query.get("size"));
        if (contentLength != size) {
            return new Answer(403, "the upload must be exactly " + size + " bytes, as signed");
        }
        if (!query.get("type").equals(contentType)) {
            return new Answer(403, "the upload must be of type " + query.get("type") + ", as signed");
        }
        try {
            put(key.get(), query, size, body);
        } catch (IOException e) {
            return new Answer(400, e.getMessage());
        }
        return new Answer(200, "");
    }

    /** An upload made as a client makes it, to the signed URL: for tests and code that holds the bytes. */
    public Answer receive(URI url, String contentType, byte[] body) {
        return receive(url.getPath(), queryOf(url), contentType, body.length, new java.io.ByteArrayInputStream(body));
    }

    /** A download asked by {@code path} and {@code query}: the file to serve, or why not (403, 404). */
    public Served serve(String path, Map<String, String> query) throws Refused {
        Optional<Key> key = keyOf(path);
        if (key.isEmpty() || !accepts("GET", key.get(), query)) {
            throw new Refused(new Answer(403, "the signature does not match, or its time is over"));
        }
        StoredBlob stored = find(key.get())
                .orElseThrow(() -> new Refused(new Answer(404, "nothing is stored here")));
        return new Served(objects.resolve(key.get().value()), stored.contentType(), stored.size(),
                query.get("disposition"));
    }

    /** A download asked by a signed URL, as a client asks it: for tests and code that reads the bytes itself. */
    public Served serve(URI url) throws Refused {
        return serve(url.getPath(), queryOf(url));
    }

    /** A download that is not served, and what to answer. */
    public static final class Refused extends Exception {
        private final Answer answer;

        Refused(Answer answer) {
            super(answer.message());
            this.answer = answer;
        }

        public Answer answer() {
            return answer;
        }
    }

    private static Optional<Key> keyOf(String path) {
        if (!path.startsWith(PATH)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Key(path.substring(PATH.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> queryOf(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(url.getRawQuery()).orElse("").split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /**
     * What S3's lifecycle rule does for a bucket: files uploaded under {@value BlobStore#PENDING_PREFIX} and never
     * kept by a send are deleted a day after their upload. Checked at most once an hour, when an upload comes.
     */
    private void sweepPendingHourly() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        if (last != null && now.isBefore(last.plus(java.time.Duration.ofHours(1)))
                || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        Path pending = objects.resolve(BlobStore.PENDING_PREFIX);
        if (!Files.isDirectory(pending)) {
            return;
        }
        java.nio.file.attribute.FileTime dayAgo = java.nio.file.attribute.FileTime.from(now.minus(PENDING_LIFE));
        try (var files = Files.walk(pending)) {
            files.filter(Files::isRegularFile).filter(file -> modifiedBefore(file, dayAgo)).forEach(file -> {
                try {
                    delete(new Key(objects.relativize(file).toString().replace('\\', '/')));
                } catch (RuntimeException e) {
                    // gone meanwhile, or not a key of this store's: left alone
                }
            });
        } catch (IOException e) {
            // the next sweep tries again
        }
    }

    private static boolean modifiedBefore(Path file, java.nio.file.attribute.FileTime time) {
        try {
            return Files.getLastModifiedTime(file).compareTo(time) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code query} carries a signature this store made for {@code method} on {@code key}, still in time. */
    private boolean accepts(String method, Key key, Map<String, String> query) {
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

    /** Stores {@code size} bytes read from {@code body}, whole or nothing, with the signed type and metadata. */
    private void put(Key key, Map<String, String> query, long size, InputStream body) throws IOException {
        Path part = Files.createTempFile(incoming, "upload", ".part");
        try {
            long copied;
            try (var out = Files.newOutputStream(part)) {
                copied = body.transferTo(out);
            }
            if (copied != size) {
                throw new IOException("the body held " + copied + " bytes, not the " + size + " signed");
            }
            Properties facts = new Properties();
            query.forEach((name, value) -> {
                if (name.equals("type") || name.startsWith(META)) {
                    facts.setProperty(name, value);
                }
            });
            Path object = objects.resolve(key.value());
            Files.createDirectories(object.getParent());
            Files.createDirectories(factsOf(key).getParent());
            try (var out = Files.newBufferedWriter(factsOf(key), StandardCharsets.UTF_8)) {
                facts.store(out, null);
            }
            Files.move(part, object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private Path factsOf(Key key) {
        return facts.resolve(key.value());
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
