package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What S3's lifecycle rule does for a bucket, for a folder: files under {@value BlobStore#PENDING_PREFIX} that no
 * send kept are deleted once they are {@link FolderBlobStore#PENDING_LIFE} old. Looked at no more than once an hour.
 */
final class PendingSweep {
    private static final Duration EVERY = Duration.ofHours(1);

    private final Path objects;
    private final Consumer<Key> delete;
    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>();

    /** @param objects the folder the keys are paths in; {@code delete} removes a key's file and what is kept of it */
    PendingSweep(Path objects, Consumer<Key> delete, Clock clock) {
        this.objects = objects;
        this.delete = delete;
        this.clock = clock;
    }

    /** Deletes what has stayed pending too long, unless a sweep ran within the hour. */
    void runHourly() {
        Instant now = clock.instant();
        Instant previous = last.get();
        if (previous != null && now.isBefore(previous.plus(EVERY)) || !last.compareAndSet(previous, now)) {
            return;
        }
        Path pending = objects.resolve(BlobStore.PENDING_PREFIX);
        if (!Files.isDirectory(pending)) {
            return;
        }
        FileTime cutOff = FileTime.from(now.minus(FolderBlobStore.PENDING_LIFE));
        try (var files = Files.walk(pending)) {
            files.filter(Files::isRegularFile).filter(file -> modifiedBefore(file, cutOff)).forEach(this::deleteFile);
        } catch (IOException e) {
            // the next sweep tries again
        }
    }

    private void deleteFile(Path file) {
        try {
            delete.accept(new Key(objects.relativize(file).toString().replace('\\', '/')));
        } catch (RuntimeException e) {
            // gone meanwhile, or not a key of this store's: left alone
        }
    }

    private static boolean modifiedBefore(Path file, FileTime time) {
        try {
            return Files.getLastModifiedTime(file).compareTo(time) < 0;
        } catch (IOException e) {
            return false;
        }
    }
}
