package io.illc.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every command takes (a picocli mixin). They may also stand before the command name
 * ({@code illc --debug run spec.json}); {@link #merge} combines both places.
 */
final class CommonOptions {
    @Option(names = "--quiet", description = "Print no progress and no summary; errors are still printed.")
    boolean quiet;

    @Option(names = "--debug", description = "Show library logging and the stack trace of errors.")
    boolean debug;

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "A folder of plugin jars (repeatable); the folders in the environment variable"
                    + " ILLC_PLUGIN_PATH are used too.")
    List<Path> pluginPaths = new ArrayList<>();

    /**
     * The options in force for one invocation.
     *
     * @param pluginPaths as given, not yet resolved against the working directory
     */
    record Effective(boolean quiet, boolean debug, List<Path> pluginPaths) {
        Effective {
            pluginPaths = List.copyOf(pluginPaths);
        }
    }

    /** These options together with those given before the command name. */
    Effective merge(CommonOptions beforeCommand) {
        List<Path> paths = new ArrayList<>(beforeCommand.pluginPaths);
        paths.addAll(pluginPaths);
        return new Effective(quiet || beforeCommand.quiet, debug || beforeCommand.debug, paths);
    }
}
