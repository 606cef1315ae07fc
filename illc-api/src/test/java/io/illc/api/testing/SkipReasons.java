package io.illc.api.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * Prints every skipped test with its reason into the build output, where surefire shows only a
 * count. Registered for every test through {@code META-INF/services} (the pom turns on extension
 * autodetection). It ships in illc-api's test jar, which every module with tests uses at test scope.
 */
public final class SkipReasons implements TestWatcher {
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause.getMessage() == null ? "an assumption failed" : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled without a reason"));
    }

    static void print(ExtensionContext context, String reason) {
        System.out.println("[SKIPPED] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getDisplayName() + ": " + reason);
    }
}
