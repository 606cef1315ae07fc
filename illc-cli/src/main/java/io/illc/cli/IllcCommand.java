package io.illc.cli;

import io.illc.core.Illc;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** The top-level {@code illc} command; it only holds the subcommands and the common options. */
@Command(name = "illc", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Compress trained multi-layer perceptrons (SpArX and ILLC) and explain them as"
                + " quantitative bipolar argumentation frameworks.",
        footer = {"", "Exit codes: 0 success, 1 internal error, 2 bad input or a misbehaving plugin.",
                "Run 'illc help COMMAND' (or 'illc COMMAND --help') for the options of a command."})
final class IllcCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** "illc 0.1.0-SNAPSHOT". */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"illc " + Illc.version()};
        }
    }
}
