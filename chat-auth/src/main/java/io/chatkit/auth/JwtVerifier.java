package io.chatkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.UserId;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a bearer JWT: RS256 signature by a key of the issuer's JWKS (fetched once, cached, refetched when an
 * unknown {@code kid} shows up), the issuer as {@code iss}, {@code exp}/{@code nbf} with 60 s of clock skew, and the
 * client it was issued to. {@link #cognito} checks a Cognito user pool's tokens the way the pool's documentation
 * asks: {@code token_use} {@code id} or {@code access}, and the app client as {@code aud} (id tokens) or
 * {@code client_id} (access tokens). {@link #oidc} checks any OpenID Connect issuer's id tokens: the client as
 * {@code aud}. The user is the token's {@code sub}.
 */
public final class JwtVerifier implements TokenVerifier {
    /** Longer tokens are refused before parsing: Cognito's are a few KB. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final String clientId;
    private final boolean cognito;

    private JwtVerifier(String issuer, URL jwksUrl, String clientId, boolean cognito) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.cognito = cognito;
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl)
                .retrying(true)
                .build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                cognito ? Set.of("sub", "exp", "iat", "token_use") : Set.of("sub", "exp", "iat", "aud"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A Cognito user pool's tokens (or tokens shaped like them: the local identity provider's). */
    public static JwtVerifier cognito(String issuer, URL jwksUrl, String clientId) {
        return new JwtVerifier(issuer, jwksUrl, clientId, true);
    }

    /** The pool's issuer and JWKS at {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}}. */
    public static JwtVerifier forUserPool(String region, String userPoolId, String clientId) {
        String issuer = "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
        return cognito(issuer, url(issuer + "/.well-known/jwks.json"), clientId);
    }

    /** Any OpenID Connect issuer's id tokens, its keys at {@code jwksUrl}, for the client {@code clientId}. */
    public static JwtVerifier oidc(String issuer, URL jwksUrl, String clientId) {
        return new JwtVerifier(issuer, jwksUrl, clientId, false);
    }

    @Override
    public Verification verify(String token) {
        if (token == null || token.isBlank()) {
            return new Verification.Invalid("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Verification.Invalid("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return new Verification.Invalid(e.getMessage());
        } catch (RuntimeException e) {
            return new Verification.Invalid("unreadable token: " + e.getClass().getSimpleName());
        }
        if (!cognito) {
            return claims.getAudience().contains(clientId) ? valid(claims)
                    : new Verification.Invalid("token for another client");
        }
        return checkTokenUseAndClient(claims);
    }

    private Verification checkTokenUseAndClient(JWTClaimsSet claims) {
        Object use = claims.getClaim("token_use");
        List<String> audience = claims.getAudience();
        Object client = claims.getClaim("client_id");
        if ("id".equals(use) && !audience.contains(clientId)) {
            return new Verification.Invalid("id token for another app client");
        }
        if ("access".equals(use) && !clientId.equals(client)) {
            return new Verification.Invalid("access token for another app client");
        }
        if (!"id".equals(use) && !"access".equals(use)) {
            return new Verification.Invalid("token_use must be id or access");
        }
        return valid(claims);
    }

    private static Verification valid(JWTClaimsSet claims) {
        try {
            return new Verification.Valid(UserId.of(claims.getSubject()),
                    java.util.Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant));
        } catch (InvalidInputException e) {
            return new Verification.Invalid("sub is not a usable user id");
        }
    }

    private static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(value, e);
        }
    }
}
