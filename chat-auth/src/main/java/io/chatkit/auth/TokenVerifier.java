package io.chatkit.auth;

import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Optional;

/** Decides who a bearer token belongs to, or why it is refused. */
public interface TokenVerifier {

    Verification verify(String token);

    sealed interface Verification {
        /** {@code expiresAt}: the token's {@code exp}; the connection lives no longer. */
        record Valid(UserId user, Optional<Instant> expiresAt) implements Verification {
            public Valid(UserId user) {
                this(user, Optional.empty());
            }

            public Valid {
                java.util.Objects.requireNonNull(user, "user");
                java.util.Objects.requireNonNull(expiresAt, "expiresAt");
            }
        }

        record Invalid(String reason) implements Verification {
        }
    }
}
