package io.illc.cli;

import io.illc.core.InputException;
import io.illc.core.spec.SpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code illc validate SPEC}: every problem of a spec, without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Check a spec without running it: JSON syntax, fields, values, plugin names and"
                + " parameters, and that the files it reads exist. Prints every problem, one per line.")
final class ValidateCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
    Path spec;

    ValidateCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        List<String> missing = SpecFiles.missing(illc().parse(session.resolve(spec)));
        if (!missing.isEmpty()) {
            throw new InputException(missing);
        }
        out().println(spec + " is valid");
        return Failures.OK;
    }
}
