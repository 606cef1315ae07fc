package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.run.Preflight;
import io.illc.experiments.ExperimentPreflight;
import io.illc.experiments.ExperimentSpecParser;
import io.illc.experiments.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code illc validate SPEC}: every problem of a pipeline or experiment spec, without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Check a pipeline or experiment spec without running it: JSON syntax, fields, values, plugin"
                + " names and parameters, that the files it reads exist (outside its output folder), the label column"
                + " against the CSV header, a loaded model's inputs against the data (and a local.csv of new rows),"
                + " cluster counts against the model's hidden layers, and on the spark engine the settings it refuses."
                + " Prints every problem, one per line.")
final class ValidateCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC",
            description = "The JSON spec file: a pipeline spec ('illc run') or an experiment spec ('illc experiment').")
    Path spec;

    @Mixin
    EngineOption engine = new EngineOption();

    ValidateCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Path file = session.resolve(spec);
        List<String> problems = ExperimentSpecParser.isExperimentSpec(file) ? experimentProblems(file)
                : Preflight.problems(engine.apply(illc().parse(file)));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        out().println(spec + " is valid");
        return Failures.OK;
    }

    /** An experiment runs on this machine: the engine options have no meaning for it. */
    private List<String> experimentProblems(Path file) {
        if (engine.given()) {
            throw new InputException("--engine and --master apply to pipeline specs; " + spec
                    + " is an experiment spec, which runs on this machine");
        }
        return ExperimentPreflight.problems(service(Experiments.class).parse(file));
    }
}
