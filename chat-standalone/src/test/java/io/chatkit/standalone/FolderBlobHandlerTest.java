package io.chatkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.inmemory.FolderBlobStore;
import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.Key;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import io.chatkit.testkit.contract.BlobStoreContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder store of the standalone runtimes, served by {@link FolderBlobHandler} on a loopback port as the runtimes
 * serve it.
 */
class FolderBlobHandlerTest extends BlobStoreContract {
    private static final byte[] TEXT = "meet at noon".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path folder;
    private Server server;
    private ServerConnector connector;
    private FolderBlobStore store;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        store = new FolderBlobStore(folder, () -> URI.create("http://127.0.0.1:" + connector.getLocalPort()),
                Clock.systemUTC());
        server.setHandler(new FolderBlobHandler(store));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void an_upload_of_another_size_or_another_type_is_refused_and_stores_nothing() throws Exception {
        Key key = key("notes");
        SignedRequest upload = uploadOf(key, "text/plain", TEXT);

        byte[] longer = "meet at noon, bring cake".getBytes(StandardCharsets.UTF_8);
        assertThat(make(upload, longer).statusCode()).as("another size").isEqualTo(403);
        Map<String, String> html = new HashMap<>(upload.headers());
        html.put("Content-Type", "text/html");
        assertThat(make(new SignedRequest(upload.url(), "PUT", html, upload.expiresAt()), TEXT).statusCode())
                .as("another type").isEqualTo(403);
        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void a_url_changed_after_it_was_signed_is_refused() throws Exception {
        SignedRequest upload = uploadOf(key("notes"), "text/plain", TEXT);
        URI biggerAllowance = URI.create(upload.url().toString().replace("size=" + TEXT.length, "size=64"));
        URI otherKey = URI.create(upload.url().toString().replace("/notes?", "/other?"));

        assertThat(make(new SignedRequest(biggerAllowance, "PUT", upload.headers(), upload.expiresAt()),
                new byte[64]).statusCode()).isEqualTo(403);
        assertThat(make(new SignedRequest(otherKey, "PUT", upload.headers(), upload.expiresAt()), TEXT).statusCode())
                .isEqualTo(403);
        assertThat(store.find(key("other"))).isEmpty();
    }

    @Test
    void a_download_signed_for_one_file_does_not_open_another() throws Exception {
        make(uploadOf(key("mine"), "text/plain", TEXT), TEXT);
        make(uploadOf(key("theirs"), "text/plain", TEXT), TEXT);
        SignedRequest mine = store.signDownload(key("mine"), "mine.txt", false, Instant.now().plus(Duration.ofMinutes(1)));

        URI theirs = URI.create(mine.url().toString().replace("/mine?", "/theirs?"));

        assertThat(make(mine, new byte[0]).statusCode()).isEqualTo(200);
        assertThat(make(new SignedRequest(theirs, "GET", Map.of(), mine.expiresAt()), new byte[0]).statusCode())
                .isEqualTo(403);
        assertThat(make(mine, new byte[0]).headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void files_stay_inside_the_folder() {
        assertThat(Files.exists(folder.resolve("objects"))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Key("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Key("room/../../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
