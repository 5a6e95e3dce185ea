package io.chatkit.testkit.dynamodb;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the shared dynalite before a test class, or skips it loudly (fails it under CI=true). */
public final class RequiresDynalite implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Dynalite.shared();
    }
}
