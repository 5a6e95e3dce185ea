package io.chatkit.auth;


import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chatkit.core.domain.UserId;
import io.chatkit.auth.TokenVerifier.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CognitoJwtVerifierTest {
    private final TestIdentityProvider pool = new TestIdentityProvider();
    private final JwtVerifier verifier = pool.verifier();

    CognitoJwtVerifierTest() throws Exception {
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void a_valid_id_token_names_its_subject_and_its_expiry() throws Exception {
        String token = pool.idToken("alice");
        assertThat(verifier.verify(token)).isEqualTo(new Verification.Valid(UserId.of("alice"), expiryOf(token)));
    }

    /** The token's {@code exp}, which the connection must not outlive. */
    private static java.util.Optional<java.time.Instant> expiryOf(String token) throws Exception {
        return java.util.Optional.of(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime()
                .toInstant());
    }

    @Test
    void a_valid_access_token_is_accepted_by_its_client_id() throws Exception {
        String token = TestIdentityProvider.sign(pool.accessClaims("bob").build(), pool.key());
        assertThat(verifier.verify(token)).isEqualTo(new Verification.Valid(UserId.of("bob"), expiryOf(token)));
    }

    @Test
    void any_oidc_issuers_id_token_is_accepted_for_its_audience_without_cognitos_token_use() throws Exception {
        JwtVerifier oidc = JwtVerifier.oidc(pool.issuer(), pool.jwksUrl(), TestIdentityProvider.CLIENT_ID);
        String plain = pool.token(c -> c.claim("token_use", null));
        String otherClient = pool.token(c -> c.claim("token_use", null).audience("another-client"));

        assertThat(oidc.verify(plain)).isEqualTo(new Verification.Valid(UserId.of("alice"), expiryOf(plain)));
        assertThat(oidc.verify(otherClient)).isInstanceOf(Verification.Invalid.class);
        assertThat(verifier.verify(plain)).as("Cognito's rules still want token_use").isInstanceOf(Verification.Invalid.class);
    }

    @Test
    void an_expired_token_is_refused_even_when_reused_later() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefused(pool.token(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(3600)))));
    }

    /** 60 s of clock skew, both ways: 5 s inside it passes, 5 s outside fails (JWT times are whole seconds). */
    @Test
    void exp_is_accepted_up_to_60_seconds_late_and_not_after() {
        assertThat(verifier.verify(pool.token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(55))))))
                .isInstanceOf(Verification.Valid.class);
        assertRefused(pool.token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(65)))));
    }

    @Test
    void nbf_is_accepted_up_to_60_seconds_early_and_not_before() {
        assertThat(verifier.verify(pool.token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(55))))))
                .isInstanceOf(Verification.Valid.class);
        assertRefused(pool.token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(65)))));
        assertRefused(pool.token(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))));
    }

    @Test
    void a_token_of_another_issuer_or_user_pool_is_refused() {
        assertRefused(pool.token(c -> c.issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OTHER")));
        assertRefused(pool.token(c -> c.issuer(pool.issuer() + "x")));
    }

    @Test
    void a_token_for_another_app_client_is_refused() {
        assertRefused(pool.token(c -> c.audience("another-client")));
        assertRefused(TestIdentityProvider.sign(pool.accessClaims("bob").claim("client_id", "another").build(),
                pool.key()));
    }

    @Test
    void a_token_use_other_than_id_or_access_is_refused() {
        assertRefused(pool.token(c -> c.claim("token_use", "refresh")));
        assertRefused(pool.token(c -> c.claim("token_use", null)));
    }

    @Test
    void a_token_signed_by_an_unknown_key_is_refused() throws Exception {
        RSAKey stranger = TestIdentityProvider.newKey();
        assertRefused(TestIdentityProvider.sign(pool.idClaims("alice").build(), stranger));
    }

    @Test
    void a_tampered_token_fails_its_signature() {
        String[] parts = pool.idToken("alice").split("\\.");
        String forgedClaims = Base64URL.encode(pool.idClaims("mallory").build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertRefused(parts[0] + "." + forgedClaims + "." + parts[2]);
    }

    @Test
    void an_unsigned_token_is_refused() {
        assertRefused(new PlainJWT(pool.idClaims("alice").build()).serialize());
        assertRefused(pool.idToken("alice").split("\\.")[0] + "." + pool.idToken("alice").split("\\.")[1] + ".");
    }

    @Test
    void a_token_signed_with_the_public_key_as_an_hmac_secret_is_refused() throws Exception {
        byte[] publicKeyAsSecret = pool.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pool.key().getKeyID()).build(),
                pool.idClaims("alice").build());
        jwt.sign(new MACSigner(publicKeyAsSecret));
        assertRefused(jwt.serialize());
    }

    @Test
    void garbage_missing_and_huge_tokens_are_refused() {
        assertRefused("garbage");
        assertRefused("a.b.c");
        assertRefused("");
        assertRefused(null);
        String hugeHeader = Base64URL.encode(("{\"alg\":\"RS256\",\"x\":\"" + "A".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + pool.idToken("alice").split("\\.")[1] + ".sig";
        assertRefused(hugeHeader);
    }

    @Test
    void the_jwks_is_fetched_once_and_again_only_for_an_unknown_key_id() throws Exception {
        verifier.verify(pool.idToken("alice"));
        verifier.verify(pool.idToken("bob"));
        assertThat(pool.jwksFetches()).isEqualTo(1);

        RSAKey rotated = TestIdentityProvider.newKey();
        pool.publish(rotated);
        String carols = TestIdentityProvider.sign(pool.idClaims("carol").build(), rotated);
        Verification afterRotation = verifier.verify(carols);

        assertThat(afterRotation).isEqualTo(new Verification.Valid(UserId.of("carol"), expiryOf(carols)));
        assertThat(pool.jwksFetches()).isEqualTo(2);
    }

    private void assertRefused(String token) {
        assertThat(verifier.verify(token)).isInstanceOf(Verification.Invalid.class);
    }
}
