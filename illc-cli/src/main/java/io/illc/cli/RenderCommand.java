package io.illc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code illc render RUN_DIR --renderer dot [--param edgeQuantile=0.9]}: re-render without recomputing. */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Render an existing run's QBAF (its qbaf.json) again, with another renderer or other"
                + " parameters, without recomputing anything. Replaces qbaf.<ext> in RUN_DIR.")
final class RenderCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's output folder, or one of its local/<row> folders.")
    Path runFolder;

    @Option(names = "--renderer", required = true, paramLabel = "NAME", description = "The renderer: dot, json, html, bag, or one from a plugin jar (see illc plugins).")
    String renderer;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A renderer parameter; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    RenderCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        Path written = illc().render(session.resolve(runFolder), renderer, params, progress());
        if (!options().quiet()) {
            out().println("wrote " + written);
        }
        return Failures.OK;
    }
}
