package io.illc.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.core.IllcModule;
import io.illc.core.catalog.PluginActivity;
import io.illc.core.pipeline.ModelReadAhead;
import io.illc.core.spec.ExecutionSpec;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParseResult;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code illc} command. The only class with {@code main}, {@code System.exit} and
 * {@code Guice.createInjector}: one injector per invocation, built from the plugin folders the
 * invocation names. Tests call {@link #execute(PrintStream, PrintStream, String...)}, which never
 * exits the JVM.
 */
public final class Main {
    private static final String GUICE_BYTECODE = "guice_bytecode_gen_option";

    private Main() {
    }

    /** Set when a command has returned; a shutdown hook that finds it unset reports what was cut short. */
    private static volatile boolean finished;
    /** The session of the command {@link #main} runs, for the shutdown hook. */
    private static volatile Session mainSession;

    public static void main(String[] args) {
        // Experiment figures are drawn off-screen: AWT must never look for a display.
        System.setProperty("java.awt.headless", "true");
        Runtime.getRuntime().addShutdownHook(new Thread(Main::reportCutShort, "illc-cut-short"));
        Map<String, String> env = System.getenv();
        int code = execute(System.out, System.err, Terminal.stderrIsTerminal(env),
                Terminal.colour(env, Terminal.stdoutIsTerminal(env)), true, args);
        finished = true;
        System.exit(code);
    }

    /**
     * Runs when the JVM ends before the command returned: Ctrl-C, SIGTERM, or a plugin that called
     * {@code System.exit} (which illc cannot prevent). Says which plugin or stage was running; the
     * output folder's own hook removes its staging folder, so nothing is written.
     */
    private static void reportCutShort() {
        if (finished) {
            return;
        }
        String running = PluginActivity.current()
                .or(() -> Optional.ofNullable(mainSession).flatMap(Session::stage).map(s -> "the stage '" + s + "'"))
                .orElse("start-up");
        System.err.println("illc: stopped while " + running + " was running (interrupted, killed, or a plugin"
                + " called System.exit); no output was written");
        System.err.flush();
    }

    /**
     * Runs one command in-process, as if typed after {@code illc}, with progress off (as when stderr
     * is not a terminal).
     *
     * @return the exit code: 0 success, 1 internal error, 2 bad input or a misbehaving plugin
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return execute(out, err, false, false, false, args);
    }

    /**
     * @param colour   ANSI colours in the help text
     * @param fromMain the session is {@link #main}'s, which the shutdown hook reports on
     */
    private static int execute(PrintStream out, PrintStream err, boolean terminal, boolean colour, boolean fromMain,
                               String... args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before the command tree is built: picocli's reflection over every command
            // would be most of the start-up of this one line.
            for (String line : new IllcCommand.Version().getVersion()) {
                outWriter.println(line);
            }
            outWriter.flush();
            return Failures.OK;
        }
        Session session = new Session(outWriter, errWriter, Path.of("").toAbsolutePath(), System.getenv(),
                terminal, Main::injector);
        if (fromMain) {
            mainSession = session;
        }
        try (ModelReadAhead ahead = readAhead(session, args)) {
            CommandLine cli = commandLine(session, namedSubcommand(args));
            cli.setColorScheme(Help.defaultColorScheme(colour ? Help.Ansi.ON : Help.Ansi.OFF));
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * Each subcommand by name, made on demand: picocli reflects over a command's annotations when it
     * is added, about a third of a second for all of them, so a run builds only the one it names.
     */
    private static final Map<String, Function<Session, Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Function<Session, Object>> subcommands() {
        Map<String, Function<Session, Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("plugins", PluginsCommand::new);
        m.put("describe", DescribeCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("train", TrainCommand::new);
        m.put("data", session -> new CommandLine(new DataCommand()).addSubcommand(new SynthCommand(session)));
        m.put("convert", ConvertCommand::new);
        m.put("predict", PredictCommand::new);
        m.put("describe-model", DescribeModelCommand::new);
        m.put("render", RenderCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("experiment", ExperimentCommand::new);
        m.put("explain", ExplainCommand::new);
        return Collections.unmodifiableMap(m);
    }

    /** The command tree of one invocation, with illc's exit codes and error messages. */
    static CommandLine commandLine(Session session) {
        return commandLine(session, null);
    }

    /**
     * The same, with only the subcommand {@code only} when it is not {@code null}: what a command line
     * naming it needs ({@link #namedSubcommand}).
     */
    static CommandLine commandLine(Session session, String only) {
        CommandLine cli = new CommandLine(new IllcCommand());
        for (Map.Entry<String, Function<Session, Object>> sub : SUBCOMMANDS.entrySet()) {
            if (only == null || only.equals(sub.getKey())) {
                cli.addSubcommand(sub.getKey(), sub.getValue().apply(session));
            }
        }
        if (only == null) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        cli.setOut(session.out());
        cli.setErr(session.err());
        cli.setParameterExceptionHandler((e, args) -> Failures.reportUsage(e, session.err()));
        cli.setExecutionStrategy(parsed -> run(parsed, session));
        return cli;
    }

    /**
     * The subcommand {@code args} runs when it is one of illc's by its exact name, after the top-level
     * options; otherwise {@code null}, and the whole tree is built (help, a misspelt name, no command).
     */
    static String namedSubcommand(String... args) {
        int at = subcommandAt(args);
        return at >= 0 && SUBCOMMANDS.containsKey(args[at]) ? args[at] : null;
    }

    /** Where the subcommand's name is in {@code args} (the first word after the top-level options), or -1. */
    private static int subcommandAt(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quiet") || a.equals("--debug") || a.startsWith("--plugin-path=")) {
                continue;
            }
            if (a.equals("--plugin-path")) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * For {@code illc run SPEC ...} on the local engine, the spec's model file read from before
     * picocli builds the command (about 0.1 s of reflection over its annotations), on machines with
     * cores to spare the longest part of a large model's start; for {@code illc validate SPEC}, the
     * model's shape. A guess from the words alone: the spec is the command's first word that is
     * neither an option nor an option's value ({@link #specAt}); help, version, an engine other
     * than {@code local} or a thread count that picocli would refuse leave the read to
     * {@code RunCommand}; a valid {@code --threads N} reads on N threads.
     * The model stage (or validate's check of the shape) takes the read over only for the file the
     * parsed spec loads ({@link ModelReadAhead}).
     */
    static ModelReadAhead readAhead(Session session, String... args) {
        int at = subcommandAt(args);
        if (at < 0 || !(args[at].equals("run") || args[at].equals("validate"))) {
            return ModelReadAhead.none();
        }
        int specAt = specAt(args, at);
        if (specAt < 0) {
            return ModelReadAhead.none();
        }
        Integer threads = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")
                    || a.startsWith("--engine") && !ExecutionSpec.LOCAL.equals(optionValue(args, i, "--engine"))) {
                return ModelReadAhead.none();
            }
            if (a.startsWith("--threads")) {
                threads = threadCount(optionValue(args, i, "--threads"));
                if (threads == null) {
                    return ModelReadAhead.none(); // picocli reports it
                }
            }
        }
        try {
            Path spec = session.resolve(Path.of(args[specAt]));
            // The read may start a library that logs (jHDF for a Keras file): its logger must find
            // the command's settings, which picocli would otherwise set only after it.
            configureLogging(List.of(args).contains("--debug"));
            return args[at].equals("run") ? ModelReadAhead.start(spec, threads) : ModelReadAhead.startShape(spec);
        } catch (InvalidPathException e) {
            return ModelReadAhead.none(); // picocli reports it
        }
    }

    /**
     * The options of {@code run} and {@code validate} that take a value, given as {@code name value}
     * or {@code name=value} (RunCommandTest checks the list against picocli's model of both commands).
     */
    static final Set<String> OPTIONS_WITH_VALUES = Set.of("--out", "--threads", "--engine", "--master", "--plugin-path");

    /**
     * Where the spec is among the words after the command at {@code args[command]}, as picocli
     * would find it: the first that is neither an option nor the value of one ({@code --} ends the
     * options); -1 when there is none.
     */
    static int specAt(String[] args, int command) {
        for (int i = command + 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length ? i + 1 : -1;
            }
            if (!a.startsWith("-")) {
                return i;
            }
            if (OPTIONS_WITH_VALUES.contains(a)) {
                i++;
            }
        }
        return -1;
    }

    /** The value of option {@code name} at {@code args[i]}, given as {@code name value} or {@code name=value}; else null. */
    private static String optionValue(String[] args, int i, String name) {
        if (args[i].equals(name)) {
            return i + 1 < args.length ? args[i + 1] : null;
        }
        return args[i].startsWith(name + "=") ? args[i].substring(name.length() + 1) : null;
    }

    /** A {@code --threads} value as picocli would accept it (an integer of at least 1), else null. */
    private static Integer threadCount(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int run(ParseResult parsed, Session session) {
        Integer helpExit = CommandLine.executeHelpRequest(parsed);
        if (helpExit != null) {
            return helpExit;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        Object command = chain.get(chain.size() - 1).getCommand();
        if (!(command instanceof Subcommand sub)) {
            CommandLine group = chain.get(chain.size() - 1);
            session.err().println("illc: missing command; see '" + group.getCommandSpec().qualifiedName() + " --help'");
            group.usage(session.err());
            return Failures.BAD_INPUT;
        }
        boolean debug = sub.options().debug();
        configureLogging(debug);
        try {
            return sub.call();
        } catch (Throwable t) {
            return Failures.report(t, session.err(), debug, session.stage());
        }
    }

    /**
     * The command tree with every subcommand, for tools that describe it (shell completion, man
     * pages); it prints nothing and runs nothing. Run commands with {@link #execute}.
     */
    public static CommandLine commandTree() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        return commandLine(new Session(sink, sink, Path.of("").toAbsolutePath(), Map.of(), false, Main::injector));
    }

    /**
     * ND4J, DL4J and JavaCPP log INFO lines on start-up through slf4j-simple; a user sees them only
     * with {@code --debug}. Must run before anything touches ND4J, because slf4j-simple reads its
     * configuration once. java.util.logging (Guice, the JDK) is routed to SLF4J too, so one switch
     * governs all library logging; commons-logging callers reach it through jcl-over-slf4j.
     */
    static void configureLogging(boolean debug) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** The one injector of an invocation: the engines, the experiments and the benchmarks. */
    static Injector injector(List<Path> pluginFolders) {
        // illc binds no method interceptors, so Guice need not generate classes for them: about a
        // tenth of a second less at every start (read once, when Guice's classes initialise).
        if (System.getProperty(GUICE_BYTECODE) == null) {
            System.setProperty(GUICE_BYTECODE, "DISABLED");
        }
        return Guice.createInjector(new IllcModule(pluginFolders));
    }

    /** A session as {@link #execute} builds it, with a given environment (tests set ILLC_PLUGIN_PATH). */
    static Session session(PrintWriter out, PrintWriter err, Path cwd, Map<String, String> env) {
        return new Session(out, err, cwd, env, false, Main::injector);
    }
}
