package io.chatkit.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.Key;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder store's own rule beside the contract (which {@code chat-standalone}'s {@code FolderBlobHandlerTest}
 * runs over HTTP): like S3's lifecycle rule, it drops what stays under the pending prefix a day.
 */
class FolderBlobStoreTest {
    private static final byte[] TEXT = "meet at noon".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path folder;

    @Test
    void an_upload_never_kept_is_deleted_a_day_later_and_a_kept_one_stays() throws Exception {
        FolderBlobStore store = new FolderBlobStore(folder, () -> URI.create("http://127.0.0.1:9"),
                Clock.systemUTC());
        Key forgotten = new Key(BlobStore.PENDING_PREFIX + "room/forgotten");
        Key pending = new Key(BlobStore.PENDING_PREFIX + "room/sent");
        Key kept = new Key("room/sent");
        upload(store, forgotten);
        upload(store, pending);
        store.keep(pending, kept);
        Files.setLastModifiedTime(folder.resolve("objects").resolve(forgotten.value()),
                FileTime.from(Instant.now().minus(Duration.ofDays(1)).minusSeconds(60)));
        Files.setLastModifiedTime(folder.resolve("objects").resolve(kept.value()),
                FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        // the sweep runs with the next upload (a new store: its first upload sweeps at once)
        FolderBlobStore restarted = new FolderBlobStore(folder, () -> URI.create("http://127.0.0.1:9"),
                Clock.systemUTC());
        upload(restarted, new Key(BlobStore.PENDING_PREFIX + "room/new"));

        assertThat(restarted.find(forgotten)).as("a day under the pending prefix").isEmpty();
        assertThat(restarted.find(kept)).as("kept by a send").isPresent();
        assertThat(restarted.find(new Key(BlobStore.PENDING_PREFIX + "room/new"))).isPresent();
    }

    private static void upload(FolderBlobStore store, Key key) {
        SignedRequest upload = store.signUpload(key, "text/plain", TEXT.length, Map.of(),
                Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(store.receive(upload.url(), "text/plain", TEXT).status()).isEqualTo(200);
    }
}
