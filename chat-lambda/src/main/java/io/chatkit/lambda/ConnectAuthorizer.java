package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.chatkit.auth.TokenVerifier;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda REQUEST authorizer of the WebSocket API's {@code $connect} route: it verifies the token of the
 * {@code ?token=} query parameter once, before the connection exists. A refused token never reaches the
 * {@code $connect} integration: API Gateway answers the handshake with 401. An accepted one is allowed with a
 * context — the user ({@value #USER_ID}) and the token's expiry in epoch milliseconds ({@value #EXPIRES_AT}) — that
 * API Gateway adds to {@code requestContext.authorizer} of every later event of the connection, so the chat knows
 * the user of a frame without looking its connection up. Configure it as
 * {@code io.chatkit.lambda.ConnectAuthorizer::handleRequest}, with the identity source
 * {@code route.request.querystring.token}.
 */
public final class ConnectAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The context key of the user id. */
    public static final String USER_ID = "userId";
    /** The context key of the token's expiry, epoch milliseconds (absent if the token has none). */
    public static final String EXPIRES_AT = "expiresAt";
    /** What API Gateway turns into a 401: the error message must be exactly this. */
    static final String UNAUTHORIZED = "Unauthorized";

    private static final System.Logger LOG = System.getLogger(ConnectAuthorizer.class.getName());

    private final TokenVerifier tokens;
    private final Clock clock;

    /** Used by Lambda: the verifier from the environment, as the chat function builds it. */
    public ConnectAuthorizer() {
        this(LambdaComposition.tokenVerifier(System.getenv()), Clock.systemUTC());
    }

    public ConnectAuthorizer(TokenVerifier tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * An IAM policy allowing the connect, with the context; a refused token throws {@link Unauthorized}, which
     * Lambda reports as an error whose message API Gateway reads as 401.
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String token = queryParameter(event, "token").orElse(null);
        TokenVerifier.Verification verification = tokens.verify(token);
        if (verification instanceof TokenVerifier.Verification.Invalid invalid) {
            LOG.log(Level.WARNING, "$connect refused by the authorizer: {0}", invalid.reason());
            throw new Unauthorized();
        }
        TokenVerifier.Verification.Valid valid = (TokenVerifier.Verification.Valid) verification;
        Instant now = clock.instant();
        if (valid.expiresAt().filter(exp -> !exp.isAfter(now)).isPresent()) {
            // inside the verifier's clock skew, but no connection can live on it
            LOG.log(Level.WARNING, "$connect refused by the authorizer: the token expired at {0}",
                    valid.expiresAt().get());
            throw new Unauthorized();
        }
        Map<String, Object> authorizerContext = new LinkedHashMap<>();
        authorizerContext.put(USER_ID, valid.user().value());
        valid.expiresAt().ifPresent(exp -> authorizerContext.put(EXPIRES_AT, exp.toEpochMilli()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("principalId", valid.user().value());
        answer.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke", "Effect", "Allow",
                "Resource", String.valueOf(event.getOrDefault("methodArn", "*"))))));
        answer.put("context", authorizerContext);
        return answer;
    }

    private static Optional<String> queryParameter(Map<String, Object> event, String name) {
        Object query = event.get("queryStringParameters");
        if (query instanceof Map<?, ?> parameters && parameters.get(name) instanceof String value) {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** The refusal API Gateway answers with 401. */
    public static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super(UNAUTHORIZED, null, false, false);
        }
    }
}
