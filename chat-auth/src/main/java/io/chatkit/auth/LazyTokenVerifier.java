package io.chatkit.auth;

import java.util.function.Supplier;

/**
 * Builds the real verifier when it first verifies: a Lambda function serving other routes needs no Cognito
 * configuration (a missing one fails that connect loudly instead of every route), and a server whose own JWKS it
 * serves can make it once it listens.
 */
public final class LazyTokenVerifier implements TokenVerifier {
    private final Supplier<TokenVerifier> factory;
    private volatile TokenVerifier verifier;

    public LazyTokenVerifier(Supplier<TokenVerifier> factory) {
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
