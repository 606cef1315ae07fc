package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.run.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code illc validate SPEC}: every problem of a spec, without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Check a spec without running it: JSON syntax, fields, values, plugin names and"
                + " parameters, that the files it reads exist (outside its output folder), the label column against"
                + " the CSV header, a loaded model's inputs against the data, cluster counts against the model's"
                + " hidden layers, and on the spark engine the settings it refuses. Prints every problem, one per line.")
final class ValidateCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
    Path spec;

    @Mixin
    EngineOption engine = new EngineOption();

    ValidateCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        List<String> problems = Preflight.problems(engine.apply(illc().parse(session.resolve(spec))));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        out().println(spec + " is valid");
        return Failures.OK;
    }
}
