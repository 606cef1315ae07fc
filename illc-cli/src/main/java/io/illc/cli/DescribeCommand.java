package io.illc.cli;

import io.illc.api.Parameter;
import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import io.illc.core.catalog.PluginException;
import io.illc.core.catalog.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code illc describe NAME}: a plugin and the parameters a spec can give it. */
@Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Describe every plugin with this name (of any kind): version, jar, description and"
                + " its parameters with type, default, allowed values and meaning.")
final class DescribeCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "A plugin name, e.g. kmeans.")
    String name;

    DescribeCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        PluginCatalog catalog = illc().catalog();
        List<PluginDescriptor> found = catalog.findAnyKind(name);
        if (found.isEmpty()) {
            List<String> names = catalog.plugins().stream().map(PluginDescriptor::name).distinct().sorted().toList();
            throw new InputException("no plugin is named '" + name + "' ('illc plugins' lists them all)"
                    + Suggestions.didYouMean(name, names));
        }
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                out().println();
            }
            describe(found.get(i), out());
        }
        out().flush();
        return Failures.OK;
    }

    private static void describe(PluginDescriptor d, PrintWriter out) {
        Map<String, String> row = PluginsCommand.row(d);
        List<Parameter> parameters = PluginException.guard(d, "failed to list its parameters", d.factory()::parameters);
        out.println(row.get("kind") + " plugin '" + row.get("name") + "'");
        out.println("  version:      " + row.get("version"));
        out.println("  jar:          " + row.get("jar"));
        out.println("  description:  " + row.get("description"));
        if (parameters == null || parameters.isEmpty()) {
            out.println("  parameters:   none");
            return;
        }
        out.println("  parameters:");
        TextTable table = new TextTable("NAME", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION");
        for (Parameter p : parameters) {
            table.row(p.name(), p.type().name().toLowerCase(Locale.ROOT), defaultValue(p), allowed(p),
                    Failures.oneLine(p.description()));
        }
        table.print(out, "    ");
    }

    /** The default as a spec would write it; "(required)" or "(not set)" when there is none. */
    static String defaultValue(Parameter p) {
        if (p.defaultValue() == null) {
            return p.required() ? "(required)" : "(not set)";
        }
        return p.defaultValue() instanceof Number n ? formatNumber(n.doubleValue()) : String.valueOf(p.defaultValue());
    }

    /**
     * The allowed values: the choices, the bounds of a number ("0..1", ">= 1"), or "" when any value
     * of the type is allowed. The largest int or double counts as "no bound": plugins use them as such.
     */
    static String allowed(Parameter p) {
        return switch (p.type()) {
            case CHOICE -> String.join(", ", p.choices());
            case BOOLEAN -> "true, false";
            case INTEGER, NUMBER -> bounds(p);
            case STRING, PATH -> "";
        };
    }

    /**
     * A number as a spec would write it, exactly and without exponent where that stays short:
     * {@code 300}, {@code 0.0001}, {@code 2.5}; {@code 1.0E-9} below a millionth.
     */
    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v) || Math.abs(v) < 1e-6) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String bounds(Parameter p) {
        boolean integer = p.type() == Parameter.Type.INTEGER;
        boolean hasMin = Double.isFinite(p.min()) && p.min() != -Double.MAX_VALUE
                && !(integer && p.min() <= Integer.MIN_VALUE);
        boolean hasMax = Double.isFinite(p.max()) && p.max() != Double.MAX_VALUE
                && !(integer && p.max() >= Integer.MAX_VALUE);
        if (hasMin && hasMax) {
            return formatNumber(p.min()) + ".." + formatNumber(p.max());
        }
        if (hasMin) {
            return ">= " + formatNumber(p.min());
        }
        return hasMax ? "<= " + formatNumber(p.max()) : "";
    }
}
