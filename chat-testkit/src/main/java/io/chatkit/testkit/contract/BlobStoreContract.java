package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.Key;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import io.chatkit.core.port.out.BlobStore.StoredBlob;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} does, shown with real HTTP requests made as a client makes them (the JDK's client,
 * which sets {@code Content-Length} from the body as browsers do): an upload as signed is stored with its size and
 * type, a download as signed gives it back, named or inline, and neither is accepted after its time. Extended by each
 * store's test, against its real server.
 */
public abstract class BlobStoreContract {
    private static final byte[] PDF = "%PDF-1.4 a small document".getBytes(StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String prefix = "room-" + UUID.randomUUID();

    /** The store under test, its server started. */
    protected abstract BlobStore store();

    protected Key key(String name) {
        return new Key(prefix + "/" + name);
    }

    /** Makes {@code request} as a client would, with {@code body}. */
    protected HttpResponse<byte[]> make(SignedRequest request, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(Duration.ofSeconds(20));
        request.headers().forEach(builder::header);
        builder.method(request.method(), body.length == 0 && !"PUT".equals(request.method())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected SignedRequest uploadOf(Key key, String type, byte[] bytes) {
        return store().signUpload(key, type, bytes.length, Map.of(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void an_upload_made_as_signed_is_stored_with_its_size_and_type() throws Exception {
        Key key = key("a1");
        SignedRequest upload = uploadOf(key, "application/pdf", PDF);

        HttpResponse<byte[]> stored = make(upload, PDF);

        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.headers()).containsEntry("Content-Type", "application/pdf");
        assertThat(stored.statusCode()).as(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(store().find(key)).contains(new StoredBlob(PDF.length, "application/pdf", Map.of()));
    }

    @Test
    void metadata_signed_with_an_upload_is_kept_with_the_object() throws Exception {
        Key key = key("a0");
        Map<String, String> facts = Map.of("granted-to", "alice", "file-name", "minutes%20%C3%A9t%C3%A9.pdf");
        SignedRequest upload = store().signUpload(key, "application/pdf", PDF.length, facts,
                Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(make(upload, PDF).statusCode()).isEqualTo(200);
        assertThat(store().find(key)).hasValueSatisfying(stored -> assertThat(stored.metadata()).isEqualTo(facts));
    }

    @Test
    void a_signed_download_gives_the_bytes_back_as_a_file_with_its_name() throws Exception {
        Key key = key("a2");
        make(uploadOf(key, "application/pdf", PDF), PDF);

        SignedRequest download = store().signDownload(key, "minutes of the meeting.pdf", false,
                Instant.now().plus(Duration.ofMinutes(15)));
        HttpResponse<byte[]> got = make(download, new byte[0]);

        assertThat(download.method()).isEqualTo("GET");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(PDF);
        assertThat(got.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(got.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(
                disposition).startsWith("attachment").contains("minutes of the meeting.pdf"));
    }

    @Test
    void an_image_asked_inline_is_not_served_as_a_download() throws Exception {
        Key key = key("a3");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        make(uploadOf(key, "image/png", png), png);

        HttpResponse<byte[]> got = make(store().signDownload(key, "cat.png", true,
                Instant.now().plus(Duration.ofMinutes(15))), new byte[0]);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(png);
        assertThat(got.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(got.headers().firstValue("Content-Disposition").orElse("inline")).doesNotStartWith("attachment");
    }

    @Test
    void neither_an_upload_nor_a_download_is_accepted_after_its_time() throws Exception {
        Key late = key("late");
        Key kept = key("kept");
        make(uploadOf(kept, "application/pdf", PDF), PDF);
        Instant soon = Instant.now().plusSeconds(1);
        SignedRequest upload = store().signUpload(late, "application/pdf", PDF.length, Map.of(), soon);
        SignedRequest download = store().signDownload(kept, "kept.pdf", false, soon);

        Thread.sleep(Duration.between(Instant.now(), soon).toMillis() + 2_000); // stores sign to the second

        assertThat(make(upload, PDF).statusCode()).isEqualTo(403);
        assertThat(store().find(late)).as("nothing stored").isEmpty();
        assertThat(make(download, new byte[0]).statusCode()).isEqualTo(403);
    }

    @Test
    void a_kept_upload_is_found_and_downloaded_where_it_is_kept_with_its_metadata_and_keeping_again_is_fine()
            throws Exception {
        Key pending = key("pending/a7");
        Key kept = key("kept/a7");
        make(store().signUpload(pending, "application/pdf", PDF.length, Map.of("granted-to", "alice"),
                Instant.now().plus(Duration.ofMinutes(5))), PDF);

        store().keep(pending, kept);
        store().keep(pending, kept);

        assertThat(store().find(kept)).contains(new StoredBlob(PDF.length, "application/pdf",
                Map.of("granted-to", "alice")));
        HttpResponse<byte[]> got = make(store().signDownload(kept, "a7.pdf", false,
                Instant.now().plus(Duration.ofMinutes(15))), new byte[0]);
        assertThat(got.body()).isEqualTo(PDF);
    }

    @Test
    void nothing_is_found_where_nothing_was_put_and_a_deleted_object_is_gone() throws Exception {
        Key key = key("a4");
        make(uploadOf(key, "text/plain", PDF), PDF);

        store().delete(key);
        store().delete(key("never-there"));

        assertThat(store().find(key)).isEmpty();
        assertThat(store().find(key("never-there"))).isEmpty();
    }
}
