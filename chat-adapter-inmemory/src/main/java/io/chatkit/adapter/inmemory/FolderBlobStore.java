package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The blob store of a runtime on a laptop or a server of its own: files under a folder, uploaded and downloaded
 * through the runtime's loopback port (it hands {@link #PATH}'s requests to {@link #receive} and {@link #serve}) with
 * the rules S3 applies to signed requests ({@link SignedUrls}): an HMAC over the method, the key, the time it ends
 * and, for an upload, the exact size and type, so that another size, another type, a changed URL or a late request
 * is refused (403). The key is this process's own: a URL signed before a restart no longer works, and the chat signs
 * a new one whenever it hands one out. What stays pending a day is deleted ({@link PendingSweep}).
 */
public final class FolderBlobStore implements BlobStore {
    /** The path under the runtime's port where blobs are uploaded and downloaded. */
    public static final String PATH = "/blobs/";
    /** How long a file stays under {@link BlobStore#PENDING_PREFIX} before it is deleted. */
    public static final Duration PENDING_LIFE = Duration.ofDays(1);
    /** The prefix of a signed metadata parameter. */
    private static final String META = "meta-";

    private final Path objects;
    /** Beside each object: its type and metadata, as a properties file. */
    private final Path facts;
    private final Path incoming;
    private final SignedUrls urls;
    private final PendingSweep sweep;

    /**
     * @param folder where the files go (created if missing)
     * @param origin the runtime's address ({@code http://127.0.0.1:port}), known once it listens
     */
    public FolderBlobStore(Path folder, Supplier<URI> origin, Clock clock) {
        this.objects = folder.resolve("objects");
        this.facts = folder.resolve("facts");
        this.incoming = folder.resolve("incoming");
        this.urls = new SignedUrls(origin, clock);
        this.sweep = new PendingSweep(objects, this::delete, clock);
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
        return new SignedRequest(urls.sign("PUT", key, query), "PUT", Map.of("Content-Type", contentType), expiresAt);
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
        return new SignedRequest(urls.sign("GET", key, query), "GET", Map.of(), expiresAt);
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
        sweep.runHourly();
        Optional<Key> key = SignedUrls.keyOf(path);
        if (key.isEmpty() || !urls.accepts("PUT", key.get(), query)) {
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
        return receive(url.getPath(), SignedUrls.queryOf(url), contentType, body.length, new ByteArrayInputStream(body));
    }

    /** A download asked by {@code path} and {@code query}: the file to serve, or why not (403, 404). */
    public Served serve(String path, Map<String, String> query) throws Refused {
        Optional<Key> key = SignedUrls.keyOf(path);
        if (key.isEmpty() || !urls.accepts("GET", key.get(), query)) {
            throw new Refused(new Answer(403, "the signature does not match, or its time is over"));
        }
        StoredBlob stored = find(key.get())
                .orElseThrow(() -> new Refused(new Answer(404, "nothing is stored here")));
        return new Served(objects.resolve(key.get().value()), stored.contentType(), stored.size(),
                query.get("disposition"));
    }

    /** A download asked by a signed URL, as a client asks it: for tests and code that reads the bytes itself. */
    public Served serve(URI url) throws Refused {
        return serve(url.getPath(), SignedUrls.queryOf(url));
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
}
