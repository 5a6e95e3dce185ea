package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ConnectAuthorizer} put in {@code requestContext.authorizer}: the user, and the token's expiry.
 * API Gateway passes the context's values through as strings or numbers, depending on how they were returned; both
 * are read.
 */
record AuthorizerContext(UserId user, Optional<Instant> expiresAt) {

    static Optional<AuthorizerContext> of(RequestContext request) {
        Map<String, Object> context = request.getAuthorizer();
        if (context == null || !(context.get(ConnectAuthorizer.USER_ID) instanceof String user) || user.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> expiresAt = Optional.ofNullable(context.get(ConnectAuthorizer.EXPIRES_AT))
                .map(value -> Instant.ofEpochMilli(Long.parseLong(String.valueOf(value))));
        return Optional.of(new AuthorizerContext(UserId.of(user), expiresAt));
    }

    /** The token's verification as the authorizer made it. */
    TokenVerifier.Verification verification() {
        return new TokenVerifier.Verification.Valid(user, expiresAt);
    }
}
