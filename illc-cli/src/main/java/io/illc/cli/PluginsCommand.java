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

/**
 * {@code illc plugins [--wide | --json]}: every plugin illc can use, and where it came from. The
 * default table fits a terminal: kind, name and description, then each jar once.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "List every plugin: kind, name and description, then the jars they were loaded from.")
final class PluginsCommand extends Subcommand {
    /** The width the default table keeps to when the terminal does not say ($COLUMNS). */
    static final int DEFAULT_WIDTH = 100;

    @Option(names = "--wide", description = "One row per plugin with every field: kind, name, version, description, jar.")
    boolean wide;

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
        } else if (wide) {
            TextTable table = new TextTable("KIND", "NAME", "VERSION", "DESCRIPTION", "JAR");
            for (Map<String, String> r : rows) {
                table.row(r.get("kind"), r.get("name"), r.get("version"), r.get("description"), r.get("jar"));
            }
            table.print(out(), "");
        } else {
            narrow(rows);
        }
        out().flush();
        List<String> unreadable = illc().catalog().unreadableJars();
        for (String problem : unreadable) {
            session.err().println("illc: " + problem);
        }
        session.err().flush();
        return unreadable.isEmpty() ? Failures.OK : Failures.BAD_INPUT;
    }

    /** Kind, name and a description cut to the terminal's width; then every jar once, with its plugin count. */
    private void narrow(List<Map<String, String>> rows) {
        int kindWidth = rows.stream().mapToInt(r -> r.get("kind").length()).max().orElse(0);
        int nameWidth = rows.stream().mapToInt(r -> r.get("name").length()).max().orElse(0);
        int room = Math.max(20, width() - kindWidth - nameWidth - 4);
        TextTable table = new TextTable("KIND", "NAME", "DESCRIPTION");
        Map<String, Integer> jars = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String description = r.get("description");
            table.row(r.get("kind"), r.get("name"), description.length() <= room ? description
                    : description.substring(0, room - 3) + "...");
            jars.merge(r.get("jar"), 1, Integer::sum);
        }
        table.print(out(), "");
        out().println();
        jars.forEach((jar, count) -> out().println(count + (count == 1 ? " plugin from " : " plugins from ") + jar));
        out().println("(--wide for versions and the jar of each plugin, --json for all of it)");
    }

    /** $COLUMNS when the shell exports it, else {@link #DEFAULT_WIDTH}. */
    private int width() {
        try {
            return Integer.parseInt(session.env("COLUMNS").strip());
        } catch (RuntimeException e) {
            return DEFAULT_WIDTH;
        }
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
