package io.illc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code illc validate SPEC}: every problem of a spec, without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Check a spec without running it: JSON syntax, fields, values, plugin names and"
                + " parameters. Prints every problem, one per line.")
final class ValidateCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
    Path spec;

    ValidateCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        illc().parse(session.resolve(spec));
        out().println(spec + " is valid");
        return Failures.OK;
    }
}
