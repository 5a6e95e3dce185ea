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
import io.chatkit.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * LOCAL USE ONLY. Stands in for a Cognito user pool: an RSA key made at start, its JWKS, and id tokens
 * minted for any user name without a password. The gateway serves it on loopback only; {@code $connect}
 * verifies its tokens with the same verifier that checks Cognito's on AWS.
 */
public final class LocalIdentityProvider {
    public static final String CLIENT_ID = "chatkit-local";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final String issuer;
    private final Clock clock;

    public LocalIdentityProvider(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the local signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** An id token shaped like Cognito's, for {@code user}. */
    public String mint(UserId user) {
        return mint(user, TOKEN_LIFETIME);
    }

    /** A token for {@code user} that expires after {@code lifetime}. */
    public String mint(UserId user, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.value())
                .issuer(issuer)
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("cognito:username", user.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
    }
}
