package io.chatkit.lambda;

import io.chatkit.core.domain.UserId;

/** Decides who a bearer token belongs to, or why it is refused. */
public interface TokenVerifier {

    Verification verify(String token);

    sealed interface Verification {
        record Valid(UserId user) implements Verification {
        }

        record Invalid(String reason) implements Verification {
        }
    }
}
