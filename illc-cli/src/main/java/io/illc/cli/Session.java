package io.illc.cli;

import com.google.inject.Injector;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One invocation of {@code illc}: where it prints, its working directory and environment, whether
 * stderr is a terminal, and its engine, built once on first use. Not thread-safe.
 */
final class Session {
    /** Folders of plugin jars, separated by {@link File#pathSeparator}. */
    static final String PLUGIN_PATH_VARIABLE = "ILLC_PLUGIN_PATH";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path cwd;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Function<List<Path>, Injector> injectors;
    private Injector injector;
    /** The stage a run is in, for messages about what ran out of memory or was interrupted. */
    private volatile String stage;

    /**
     * @param cwd      the absolute working directory that relative paths on the command line resolve against
     * @param terminal true when stderr is a terminal (progress is shown)
     * @param injectors builds the one injector of the invocation from the absolute plugin folders
     */
    Session(PrintWriter out, PrintWriter err, Path cwd, Map<String, String> env, boolean terminal,
            Function<List<Path>, Injector> injectors) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.cwd = cwd.toAbsolutePath().normalize();
        this.env = Map.copyOf(env);
        this.terminal = terminal;
        this.injectors = Objects.requireNonNull(injectors, "injectors");
    }

    /** Records the stage a run has started ("compressing"). */
    void stage(String message) {
        stage = message;
    }

    /** The last stage a run started, if any. */
    java.util.Optional<String> stage() {
        return java.util.Optional.ofNullable(stage);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean terminal() {
        return terminal;
    }

    /** A path given on the command line, made absolute against the working directory. */
    Path resolve(Path given) {
        return cwd.resolve(given).normalize();
    }

    Path cwd() {
        return cwd;
    }

    /** An environment variable of the invocation, or null. */
    String env(String name) {
        return env.get(name);
    }

    /**
     * A service of the invocation's injector; the first call builds the injector and fixes the
     * plugin folders for the rest of the invocation.
     *
     * @param pluginPaths the --plugin-path folders, before those of {@value #PLUGIN_PATH_VARIABLE}
     */
    <T> T service(Class<T> type, List<Path> pluginPaths) {
        if (injector == null) {
            injector = injectors.apply(pluginFolders(pluginPaths));
        }
        return injector.getInstance(type);
    }

    /** Every --plugin-path, then every non-blank entry of {@value #PLUGIN_PATH_VARIABLE}, all absolute. */
    List<Path> pluginFolders(List<Path> pluginPaths) {
        List<Path> folders = new ArrayList<>();
        for (Path p : pluginPaths) {
            folders.add(resolve(p));
        }
        String variable = env.getOrDefault(PLUGIN_PATH_VARIABLE, "");
        for (String entry : variable.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                folders.add(resolve(Path.of(entry.strip())));
            }
        }
        return folders;
    }
}
