package io.chatkit.lambda;

import io.chatkit.auth.TokenVerifier;

import java.util.function.Supplier;

/**
 * Builds the real verifier on the first {@code $connect}, so functions serving other routes need no
 * Cognito configuration, and a missing one fails that connect loudly instead of every route.
 */
final class LazyTokenVerifier implements TokenVerifier {
    private final Supplier<TokenVerifier> factory;
    private volatile TokenVerifier verifier;

    LazyTokenVerifier(Supplier<TokenVerifier> factory) {
        this.factory = factory;
    }

    @Override
    public Verification verify(String token) {
        TokenVerifier current = verifier;
        if (current == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = factory.get();
                }
                current = verifier;
            }
        }
        return current.verify(token);
    }
}
