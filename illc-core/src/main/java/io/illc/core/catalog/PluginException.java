package io.illc.core.catalog;

import java.util.function.Supplier;

/**
 * A plugin misbehaved: it threw (an exception, {@link OutOfMemoryError} or {@link StackOverflowError}),
 * returned something unusable (wrong-length labels, more clusters than asked, non-finite weights or
 * metric values), or was compiled against an incompatible illc-api. The message names the plugin,
 * its kind, its jar and what went wrong; the CLI prints it without a stack trace, exit code 2 (the
 * user chose the plugin and can remove it).
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
        return guard(plugin.describe(), what, call);
    }

    /**
     * {@link #guard(PluginDescriptor, String, Supplier)} for code that holds the plugin's description
     * only (plugin code shipped to another machine, where the descriptor is not).
     *
     * @param plugin the plugin as {@link PluginDescriptor#describe()} names it
     */
    public static <T> T guard(String plugin, String what, Supplier<T> call) {
        String outer = PluginActivity.enter(plugin);
        try {
            return call.get();
        } catch (OutOfMemoryError e) {
            throw new PluginException(plugin + " " + what + ": it ran out of memory (" + Memory.heapText()
                    + "); " + Memory.HOW_TO_GIVE_MORE, e);
        } catch (StackOverflowError e) {
            throw new PluginException(plugin + " " + what + ": it recursed too deeply (stack overflow)", e);
        } catch (io.illc.core.InputException | PluginException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PluginException(plugin + " " + what + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new PluginException(plugin + " " + what + ": it was compiled against an incompatible"
                    + " illc-api (missing or changed: " + e.getMessage() + "); rebuild it against this version", e);
        } catch (RuntimeException e) {
            // The exception's class is for the stack trace (--debug); the user gets its message.
            throw new PluginException(plugin + " " + what + ": "
                    + (e.getMessage() == null ? "it failed without a message (run with --debug for the stack trace)" : e.getMessage()), e);
        } finally {
            PluginActivity.leave(outer);
        }
    }

    /** A plugin returned something the engine cannot use: the plugin's fault, not the user's data. */
    public static PluginException returned(PluginDescriptor plugin, String what) {
        return new PluginException(plugin.describe() + " " + what);
    }
}
