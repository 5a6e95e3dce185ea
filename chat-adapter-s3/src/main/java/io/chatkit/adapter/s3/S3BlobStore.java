package io.chatkit.adapter.s3;

import io.chatkit.core.port.out.BlobStore;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments in an S3 bucket. An upload is a presigned {@code PUT} whose signature covers {@code Content-Length}
 * and {@code Content-Type} (the SDK's presigner signs both when the request names them), so S3 refuses another size
 * or type with 403 — a plain presigned PUT would take any size. A download is a presigned {@code GET} that asks S3 to
 * answer with the disposition chosen here ({@code response-content-disposition}). Signing is local; {@link #find} is
 * one HEAD and {@link #delete} one DELETE.
 */
public final class S3BlobStore implements BlobStore {
    /** Headers a client's HTTP stack sets itself: not handed to it. */
    private static final List<String> SET_BY_THE_CLIENT = List.of("host", "content-length");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The metadata travels as signed {@code x-amz-meta-*} headers, which the client sends as given. */
    @Override
    public SignedRequest signUpload(Key key, String contentType, long size, Map<String, String> metadata,
                                    Instant expiresAt) {
        BlobStore.requireMetadata(metadata);
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key.value())
                .contentType(contentType).contentLength(size).metadata(metadata).build();
        return signed(presigner.presignPutObject(presign -> presign.signatureDuration(until(expiresAt))
                .putObjectRequest(put)));
    }

    @Override
    public Optional<StoredBlob> find(Key key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key.value()));
            return Optional.of(new StoredBlob(head.contentLength(),
                    Objects.requireNonNullElse(head.contentType(), "application/octet-stream"), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // a HEAD has no body: S3 cannot say NoSuchKey
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public SignedRequest signDownload(Key key, String fileName, boolean inline, Instant expiresAt) {
        return signed(presigner.presignGetObject(presign -> presign.signatureDuration(until(expiresAt))
                .getObjectRequest(get -> get.bucket(bucket).key(key.value())
                        .responseContentDisposition(BlobStore.contentDisposition(fileName, inline)))));
    }

    /** One CopyObject within the bucket (metadata copied); the pending object is left to the bucket's lifecycle. */
    @Override
    public void keep(Key pending, Key kept) {
        try {
            s3.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(pending.value())
                    .destinationBucket(bucket).destinationKey(kept.value()));
        } catch (NoSuchKeyException e) {
            if (find(kept).isEmpty()) {
                throw e;
            }
        }
    }

    @Override
    public void delete(Key key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key.value()));
    }

    /** A presigned request as the client makes it: the signed headers it must send, and when it ends. */
    private static SignedRequest signed(PresignedRequest presigned) {
        SdkHttpRequest http = presigned.httpRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name.equalsIgnoreCase("content-type") ? "Content-Type" : name, String.join(",", values));
            }
        });
        try {
            return new SignedRequest(presigned.url().toURI(), http.method().name(), headers, presigned.expiration());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the presigner made an unusable URL: " + presigned.url(), e);
        }
    }

    /** How long from now to {@code expiresAt}, in whole seconds as S3 counts them: at least one. */
    private Duration until(Instant expiresAt) {
        long seconds = Duration.between(clock.instant(), expiresAt).plusMillis(999).toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("a signed request must end in the future: " + expiresAt);
        }
        return Duration.ofSeconds(seconds);
    }
}
