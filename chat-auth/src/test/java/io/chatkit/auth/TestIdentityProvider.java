package io.chatkit.auth;


import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in Cognito user pool on loopback: RSA keys made in the test, the JWKS served over HTTP, and
 * tokens signed like Cognito's. Shared with the Lambda tests through this module's test jar.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String CLIENT_ID = "test-app-client";

    private final HttpServer server;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final RSAKey key;

    public TestIdentityProvider() throws IOException, JOSEException {
        key = newKey();
        published.add(key);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/pool/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = new JWKSet(published.stream().map(RSAKey::toPublicJWK).map(k -> (com.nimbusds.jose.jwk.JWK) k)
                    .toList()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The key the pool signs its tokens with. */
    public RSAKey key() {
        return key;
    }

    public static RSAKey newKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/pool";
    }

    public URL jwksUrl() {
        try {
            return URI.create(issuer() + "/.well-known/jwks.json").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public JwtVerifier verifier() {
        return JwtVerifier.cognito(issuer(), jwksUrl(), CLIENT_ID);
    }

    public void publish(RSAKey another) {
        published.add(another);
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** The claims of a valid id token for {@code user}, ready to be bent by a test. */
    public JWTClaimsSet.Builder idClaims(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer())
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", user)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public JWTClaimsSet.Builder accessClaims(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer())
                .claim("client_id", CLIENT_ID)
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public String idToken(String user) {
        return sign(idClaims(user).build(), key);
    }

    public String token(Consumer<JWTClaimsSet.Builder> bend) {
        JWTClaimsSet.Builder claims = idClaims("alice");
        bend.accept(claims);
        return sign(claims.build(), key);
    }

    public static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
