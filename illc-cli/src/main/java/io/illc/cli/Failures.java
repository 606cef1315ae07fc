package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.catalog.Memory;
import io.illc.core.catalog.PluginException;
import io.illc.core.catalog.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Turns what went wrong into exit codes and short messages on stderr. A user sees what happened
 * and how to fix it, never a Java class name or a stack trace unless they ask with {@code --debug}.
 */
final class Failures {
    static final int OK = 0;
    /** An internal error or a failing disk. */
    static final int FAILED = 1;
    /** Bad input: a spec, file, option, argument or plugin the user can fix (or remove). */
    static final int BAD_INPUT = 2;

    private Failures() {
    }

    /**
     * Prints {@code failure} and returns its exit code. Bad input and misbehaving plugins are
     * reported by the exception found first in the cause chain, so a wrapper around them (from a
     * library or a thread pool) does not turn them into internal errors.
     */
    static int report(Throwable failure, PrintWriter err, boolean debug) {
        return report(failure, err, debug, java.util.Optional.empty());
    }

    /**
     * As {@link #report(Throwable, PrintWriter, boolean)}; {@code stage}, the stage that was running,
     * goes into the message when memory ran out.
     */
    static int report(Throwable failure, PrintWriter err, boolean debug, java.util.Optional<String> stage) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof PluginException plugin) {
                return print(List.of(plugin.getMessage()), BAD_INPUT, failure, err, debug);
            }
            if (cause instanceof OutOfMemoryError || isNativeAllocationFailure(cause)) {
                String where = stage.map(s -> " while " + s).orElse("");
                String limit = cause instanceof OutOfMemoryError ? Memory.heapText() : "native memory: " + Memory.heapText().replace("the heap limit", "the Java heap limit");
                return print(List.of("ran out of memory" + where + " (" + limit + "); " + Memory.HOW_TO_GIVE_MORE
                        + "; nothing was written"), BAD_INPUT, failure, err, debug);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        cause = failure;
        while (cause != null) {
            if (cause instanceof InputException input) {
                return print(input.problems(), BAD_INPUT, failure, err, debug);
            }
            if (cause instanceof PluginException plugin) {
                return print(List.of(plugin.getMessage()), BAD_INPUT, failure, err, debug);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        if (failure instanceof UncheckedIOException io) {
            // Built from a cause alone, its message is the cause's toString(), class name and all.
            boolean ownMessage = io.getMessage() != null && !io.getMessage().equals(String.valueOf(io.getCause()));
            String line = (ownMessage ? io.getMessage() + ": " : "") + ioMessage(io.getCause());
            return print(List.of(line), FAILED, failure, err, debug);
        }
        if (failure instanceof IOException io) {
            return print(List.of(ioMessage(io)), FAILED, failure, err, debug);
        }
        String message = failure.getMessage() == null ? "an error without a message" : failure.getMessage();
        String hint = debug ? "" : " (run with --debug for the stack trace)";
        return print(List.of("internal error: " + message + hint), FAILED, failure, err, debug);
    }

    /**
     * A command line picocli could not parse: an unknown command or option, a missing or malformed
     * argument. One line, with picocli's suggestion when it has one.
     */
    static int reportUsage(ParameterException e, PrintWriter err) {
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched) {
            message = unmatched(unmatched);
        } else if (e instanceof MissingParameterException missing) {
            message += valueGivenWithoutItsOption(missing);
        }
        // picocli capitalises ("Unknown option: ..."); illc's messages are lower case after "illc: ".
        String line = oneLine(message);
        line = line.isEmpty() ? line : Character.toLowerCase(line.charAt(0)) + line.substring(1);
        err.println("illc: " + line + " (see '" + commandPath(e.getCommandLine()) + " --help')");
        err.flush();
        return BAD_INPUT;
    }

    /**
     * "; did you mean '--row 5'?" when the one missing option takes a value and the one argument
     * left over is such a value ({@code illc explain spec.json 5}); else nothing.
     */
    private static String valueGivenWithoutItsOption(MissingParameterException e) {
        List<String> extra = e.getCommandLine().getUnmatchedArguments();
        if (e.getMissing().size() != 1 || !(e.getMissing().get(0) instanceof OptionSpec option) || option.arity().max() < 1
                || extra.size() != 1 || extra.get(0).startsWith("-")) {
            return "";
        }
        return "; did you mean '" + option.longestName() + " " + extra.get(0) + "'?";
    }

    /** "unknown command 'x'", "unexpected argument 'x'" or picocli's "Unknown option: '--x'", with suggestions. */
    private static String unmatched(UnmatchedArgumentException e) {
        List<String> args = e.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        String message;
        if (args.isEmpty() || first.startsWith("-")) {
            message = e.getMessage();
        } else if (!e.getCommandLine().getSubcommands().isEmpty()) {
            // The one closest command, as for every other name illc does not know.
            List<String> commands = List.copyOf(e.getCommandLine().getSubcommands().keySet());
            return "unknown command '" + first + "'; commands: " + String.join(", ", commands)
                    + Suggestions.didYouMean(first, commands);
        } else {
            message = "unexpected argument" + (args.size() > 1 ? "s " : " ")
                    + String.join(" ", args.stream().map(a -> "'" + a + "'").toList());
        }
        List<String> suggestions = e.getSuggestions();
        return suggestions.isEmpty() ? message
                : message + "; did you mean " + String.join(" or ", suggestions.stream().map(s -> "'" + s + "'").toList()) + "?";
    }

    private static String commandPath(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** ND4J's native allocator failing ("Allocation failed: [std::bad_alloc]") is memory exhaustion too. */
    private static boolean isNativeAllocationFailure(Throwable t) {
        String message = t.getMessage();
        return message != null && (message.contains("std::bad_alloc") || message.startsWith("Allocation failed"));
    }

    /** An I/O problem as the operating system words it, e.g. "/x/y: No space left on device". */
    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + fs.getReason();
        }
        return e == null || e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static int print(List<String> lines, int code, Throwable failure, PrintWriter err, boolean debug) {
        for (String line : lines) {
            err.println("illc: " + oneLine(line));
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Messages are one line each, so that a caller can read stderr line by line. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
