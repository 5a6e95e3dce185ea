package io.chatkit.lambda;

import io.chatkit.auth.TestIdentityProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** The README's token attacks, each a token a stranger could present at {@code $connect}, all as "alice". */
final class TokenAttacks {
    private TokenAttacks() {
    }

    static Map<String, String> against(TestIdentityProvider pool) throws Exception {
        Map<String, String> attacks = new LinkedHashMap<>();
        Instant past = Instant.now().minus(Duration.ofHours(2));
        attacks.put("expired, reused after exp", pool.token(c -> c.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(3600)))));
        attacks.put("not yet valid", pool.token(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))));
        attacks.put("another issuer", pool.token(c -> c.issuer(pool.issuer() + "x")));
        attacks.put("another user pool", pool.token(c ->
                c.issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OTHER")));
        attacks.put("another app client (id token)", pool.token(c -> c.audience("another-client")));
        attacks.put("another app client (access token)", TestIdentityProvider.sign(
                pool.accessClaims("alice").claim("client_id", "another").build(), pool.key()));
        attacks.put("token_use refresh", pool.token(c -> c.claim("token_use", "refresh")));
        attacks.put("no token_use", pool.token(c -> c.claim("token_use", null)));
        attacks.put("signed by an unknown key", TestIdentityProvider.sign(pool.idClaims("alice").build(),
                TestIdentityProvider.newKey()));
        String[] valid = pool.idToken("bob").split("\\.");
        attacks.put("tampered payload", valid[0] + "." + Base64URL.encode(pool.idClaims("alice").build().toString()
                .getBytes(StandardCharsets.UTF_8)) + "." + valid[2]);
        attacks.put("alg none", new PlainJWT(pool.idClaims("alice").build()).serialize());
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pool.key().getKeyID()).build(),
                pool.idClaims("alice").build());
        hmac.sign(new MACSigner(pool.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        attacks.put("the JWKS public key used as an HMAC secret", hmac.serialize());
        attacks.put("a 20 KB header", Base64URL.encode(("{\"alg\":\"RS256\",\"x\":\"" + "A".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + pool.idToken("alice").split("\\.")[1] + ".sig");
        attacks.put("garbage", "garbage");
        return attacks;
    }
}
