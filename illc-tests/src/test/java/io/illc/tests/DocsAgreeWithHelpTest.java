package io.illc.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs a user reads and the help the command prints name the same commands and plugins: the
 * README's command examples against {@code illc help}, and docs/spec.md's table of plugins against
 * {@code illc plugins --json}.
 */
class DocsAgreeWithHelpTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeShowsEveryCommandThatHelpListsAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("\\./illc ([a-z][a-z-]*)").matcher(Files.readString(ROOT.resolve("README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(commandsInHelp(), documented);
    }

    @Test
    void theSpecPagesPluginTableNamesEveryInstalledPluginAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ROOT.resolve("docs/spec.md"))) {
            inTable = line.startsWith("| Kind | Names (parameters) |") || inTable && line.startsWith("|");
            if (inTable && line.contains("`")) {
                String names = line.substring(line.indexOf('|', 1) + 1);
                // Every name is the first backquoted word of a comma-separated entry.
                for (String entry : names.split(",(?![^(]*\\))")) {
                    Matcher name = Pattern.compile("`([a-z][a-z0-9-]*)`").matcher(entry);
                    if (name.find()) {
                        documented.add(name.group(1));
                    }
                }
            }
        }
        Set<String> installed = new TreeSet<>();
        for (JsonNode plugin : new ObjectMapper().readTree(illc("plugins", "--json"))) {
            installed.add(plugin.get("name").asText());
        }
        assertEquals(installed, documented);
    }

    @Test
    void thePluginGuideShowsTheExamplePluginsWholePom() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/plugin-guide.md"));
        String pom = Files.readString(ROOT.resolve("examples/sorted-norm/pom.xml")).strip();
        assertTrue(guide.contains("```xml\n" + pom + "\n```"), "docs/plugin-guide.md must show examples/sorted-norm/pom.xml whole");
    }

    /** The command names of the "Commands:" section of {@code illc help}. */
    private static Set<String> commandsInHelp() {
        Set<String> commands = new TreeSet<>();
        boolean inCommands = false;
        for (String line : illc("help").lines().toList()) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.matches("  [a-z][a-z-]* .*|  [a-z][a-z-]*")) {
                commands.add(line.strip().split(" +")[0]);
            } else if (inCommands && line.isBlank()) {
                break;
            }
        }
        return commands;
    }

    private static String illc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                args);
        assertEquals(0, code, String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }
}
