package io.illc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.Illc;
import io.illc.core.InputException;
import io.illc.core.io.JsonOutput;
import io.illc.core.io.StrictJson;
import io.illc.core.spec.SpecParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code illc explain SPEC --row 17}: the spec's run with a local explanation of one row — a
 * shortcut for setting {@code "local": {"instances": [17]}} (other {@code local} settings, such as
 * the kernel, are kept).
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Run a spec and explain one row locally: a shortcut for \"local\": {\"instances\": [ROW]}."
                + " The spec's other local settings (kernel, aggregation, clustering) are kept.")
final class ExplainCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
    Path spec;

    @Option(names = "--row", required = true, paramLabel = "ROW",
            description = "The 0-based row of the data file to explain (file order, after the header).")
    int row;

    @Option(names = "--out", paramLabel = "DIR", description = "The output folder, relative to the current folder.")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run's results in the output folder (any other"
            + " non-empty folder is refused).")
    boolean force;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    EngineOption engine = new EngineOption();

    ExplainCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        if (row < 0) {
            throw new InputException("--row " + row + ": rows are numbered from 0");
        }
        Path file = session.resolve(spec);
        Illc illc = illc();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return RunCommand.runAndSummarise(this, illc,
                    engine.apply(illc.parse(withRow(file), file.toAbsolutePath().getParent(), name)), out, force,
                    threads.value());
        } catch (InputException e) {
            throw atRowOption(e);
        }
    }

    /** A problem with the row is told under --row, where the user gave it, not the spec field it became. */
    private InputException atRowOption(InputException e) {
        String field = "$.local.instances[0]: ";
        if (e.problems().stream().noneMatch(p -> p.startsWith(field))) {
            return e;
        }
        return e.reworded(p -> p.startsWith(field) ? "--row " + row + ": " + p.substring(field.length()) : p);
    }

    /**
     * The spec text with {@code local.instances} set to this row (and no other row selection). Read
     * as {@code illc run} reads a spec, so both reject a malformed one in the same words.
     */
    private String withRow(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text = StrictJson.readText(absolute, "spec file", SpecParser.WHERE_SPECS_ARE);
        if (!(StrictJson.readTree(text, absolute.toString(), "{\"specVersion\": 1}") instanceof ObjectNode root)) {
            return text; // not an object: the parser reports it with its path
        }
        ObjectNode local = root.get("local") instanceof ObjectNode existing ? existing : root.putObject("local");
        local.remove("csv");
        local.remove("renderAll");
        local.putArray("instances").add(row);
        return JsonOutput.compact(root);
    }
}
