package io.chatkit.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import io.chatkit.testkit.contract.BlobStoreContract;
import io.chatkit.testkit.s3.S3rver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 blob store against s3rver, with the SDK's real client and presigner. */
class S3BlobStoreTest extends BlobStoreContract {
    private static S3Client s3;
    private static S3Presigner presigner;
    private static S3BlobStore store;

    @BeforeAll
    static void connect() {
        S3rver server = S3rver.shared();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3rver.ACCESS_KEY, S3rver.SECRET_KEY));
        // s3rver answers at one address: buckets in the path, not in the host name
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle)
                .httpClient(UrlConnectionHttpClient.create()).build();
        presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
        store = new S3BlobStore(s3, presigner, S3rver.BUCKET, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void an_upload_is_signed_with_its_exact_size_and_type_so_s3_refuses_any_other() {
        SignedRequest upload = store.signUpload(key("a5"), "image/png", 1234, java.util.Map.of(),
                Instant.now().plus(Duration.ofMinutes(5)));

        // S3 computes the signature over the headers named here with the values the client sends: another
        // Content-Length or Content-Type no longer matches (s3rver does not recompute signatures, so the
        // refusal itself is S3's; the send checks the stored size and type again either way)
        assertThat(upload.url().getQuery()).contains("X-Amz-SignedHeaders=content-length;content-type;host");
        assertThat(upload.headers()).containsExactly(java.util.Map.entry("Content-Type", "image/png"));
    }

    @Test
    void a_signature_lasts_as_long_as_asked_to_the_second() {
        Instant end = Instant.now().plus(Duration.ofMinutes(15));

        SignedRequest download = store.signDownload(key("a6"), "a.pdf", false, end);

        assertThat(download.url().getQuery()).contains("X-Amz-Expires=900");
        assertThat(Duration.between(end, download.expiresAt()).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
