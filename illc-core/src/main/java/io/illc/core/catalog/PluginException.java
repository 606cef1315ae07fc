package io.illc.core.catalog;

import java.util.function.Supplier;

/**
 * A plugin misbehaved: it threw, or it was compiled against an incompatible illc-api. The message
 * names the plugin, its jar and what went wrong; the CLI prints it without a stack trace.
 */
public final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs plugin code, turning what it throws into a message about the plugin. Bad-input
     * exceptions from illc itself pass through unchanged.
     */
    public static <T> T guard(PluginDescriptor plugin, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (io.illc.core.InputException | PluginException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PluginException(plugin.describe() + " " + what + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new PluginException(plugin.describe() + " " + what + ": it was compiled against an incompatible"
                    + " illc-api (missing or changed: " + e.getMessage() + "); rebuild it against this version", e);
        } catch (RuntimeException e) {
            // The exception's class is for the stack trace (--debug); the user gets its message.
            throw new PluginException(plugin.describe() + " " + what + ": "
                    + (e.getMessage() == null ? "it failed without a message (run with --debug for the stack trace)" : e.getMessage()), e);
        }
    }
}
