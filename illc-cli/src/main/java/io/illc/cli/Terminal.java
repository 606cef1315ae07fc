package io.illc.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the streams of this process are connected to, and whether to colour. {@code System.console()}
 * alone is wrong both ways: it is null when only stdin is redirected (Java 17), and non-null even
 * when every stream is piped (Java 22 and later, where {@code Console.isTerminal()} tells). The
 * launchers know better ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and pass it as system properties.
 */
final class Terminal {
    /** Set by bin/illc and ./illc: {@code true} when stdout is a terminal. */
    static final String STDOUT_PROPERTY = "illc.stdout.tty";
    /** Set by bin/illc and ./illc: {@code true} when stderr is a terminal. */
    static final String STDERR_PROPERTY = "illc.stderr.tty";

    private Terminal() {
    }

    /** True when stderr (where progress goes) is a terminal that can rewrite a line in place. */
    static boolean stderrIsTerminal(Map<String, String> env) {
        return isTerminal(System.getProperty(STDERR_PROPERTY), env);
    }

    /** True when stdout (where help and summaries go) is a terminal. */
    static boolean stdoutIsTerminal(Map<String, String> env) {
        return isTerminal(System.getProperty(STDOUT_PROPERTY), env);
    }

    /**
     * Whether output may use ANSI colours: never when {@code NO_COLOR} is set to anything non-empty
     * (https://no-color.org), never when stdout is not a terminal, else yes.
     */
    static boolean colour(Map<String, String> env, boolean stdoutTerminal) {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && stdoutTerminal;
    }

    static boolean isTerminal(String launcherSays, Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        if (launcherSays != null) {
            return Boolean.parseBoolean(launcherSays);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from Java 22; compiled for release 17, so looked up.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17-21: a non-null console means stdin and stdout are a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
