package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.BlobStore.Key;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The URLs of a {@link FolderBlobStore}: a key under {@link FolderBlobStore#PATH} and a query that ends with an
 * HMAC over the method, the key and every other parameter (the time it ends among them). The secret is made anew by
 * each process, so a URL signed before a restart no longer works.
 */
final class SignedUrls {
    private static final String SIGNATURE = "signature";
    private static final String EXPIRES = "expires";

    private final Supplier<URI> origin;
    private final Clock clock;
    private final byte[] secret = new byte[32];

    SignedUrls(Supplier<URI> origin, Clock clock) {
        this.origin = origin;
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /** A URL for {@code method} on {@code key} with {@code query} (its {@value #EXPIRES} among them), signed. */
    URI sign(String method, Key key, Map<String, String> query) {
        StringBuilder url = new StringBuilder(origin.get().toString().replaceAll("/$", ""))
                .append(FolderBlobStore.PATH).append(key.value()).append('?');
        query.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
        return URI.create(url.append(SIGNATURE).append('=').append(signature(method, key, query)).toString());
    }

    /** Whether {@code query} carries a signature made here for {@code method} on {@code key}, still in time. */
    boolean accepts(String method, Key key, Map<String, String> query) {
        String expires = query.get(EXPIRES);
        String signature = query.get(SIGNATURE);
        if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return false;
        }
        Map<String, String> signedPart = new LinkedHashMap<>(query);
        signedPart.remove(SIGNATURE);
        boolean authentic = MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signature(method, key, signedPart).getBytes(StandardCharsets.US_ASCII));
        return authentic && clock.instant().getEpochSecond() <= Long.parseLong(expires);
    }

    /** The key a path under {@link FolderBlobStore#PATH} names; empty for any other path or a key not allowed. */
    static Optional<Key> keyOf(String path) {
        if (!path.startsWith(FolderBlobStore.PATH)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Key(path.substring(FolderBlobStore.PATH.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A URL's query, decoded; of a parameter given twice, the last value (then no longer the one signed). */
    static Map<String, String> queryOf(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(url.getRawQuery()).orElse("").split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
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
