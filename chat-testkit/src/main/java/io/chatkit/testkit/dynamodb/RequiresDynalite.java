package io.chatkit.testkit.dynamodb;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared dynalite before a test class or a test method (wherever it is declared), or skips it
 * loudly when node or dynalite is missing (fails it under CI=true). Declare it on the methods that need
 * DynamoDB, so that the others of the class run without it.
 */
public final class RequiresDynalite implements BeforeAllCallback, BeforeEachCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Dynalite.shared();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Dynalite.shared();
    }
}
