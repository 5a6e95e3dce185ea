package io.chatkit.core.port.out;

/**
 * A store could not do what was asked because of the infrastructure (unreachable, throttled past its
 * retries, a write too large). Adapters translate their technology's errors into this type, so
 * nothing technology-shaped reaches the core.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
