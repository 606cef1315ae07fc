package io.illc.cli;

import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.io.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code illc plugins [--json]}: every plugin illc can use, and where it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "List every plugin: kind, name, version, description and the jar it was loaded from.")
final class PluginsCommand extends Subcommand {
    @Option(names = "--json", description = "Print a JSON array of {kind, name, version, description, jar}.")
    boolean json;

    PluginsCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (PluginDescriptor d : illc().catalog().plugins()) {
            rows.add(row(d));
        }
        if (json) {
            out().println(JsonOutput.jacksonPretty(rows));
        } else {
            TextTable table = new TextTable("KIND", "NAME", "VERSION", "DESCRIPTION", "JAR");
            for (Map<String, String> r : rows) {
                table.row(r.get("kind"), r.get("name"), r.get("version"), r.get("description"), r.get("jar"));
            }
            table.print(out(), "");
        }
        out().flush();
        return Failures.OK;
    }

    /** One plugin's fields; version and description come from plugin code, so they are guarded. */
    static Map<String, String> row(PluginDescriptor d) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("kind", d.kind().label());
        row.put("name", d.name());
        row.put("version", String.valueOf(PluginException.guard(d, "failed to report its version", d.factory()::version)));
        row.put("description", Failures.oneLine(String.valueOf(
                PluginException.guard(d, "failed to report its description", d.factory()::description))));
        row.put("jar", d.location());
        return row;
    }
}
