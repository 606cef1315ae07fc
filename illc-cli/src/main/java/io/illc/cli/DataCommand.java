package io.illc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code illc data COMMAND}: data sets to try illc on. */
@Command(name = "data", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Make data sets to try illc on (see 'illc data synth --help').")
final class DataCommand {
    @Mixin
    CommonOptions common = new CommonOptions();
}
