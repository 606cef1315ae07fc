package io.illc.cli;

import io.illc.core.Illc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineBasicsTest {

    @Test
    void versionPrintsIllcAndTheBuildVersion() {
        Cli.Outcome r = Cli.illc("--version");
        assertEquals(0, r.code());
        assertEquals("illc " + Illc.version(), r.out().strip());
        assertEquals("", r.err());
    }

    @Test
    void aCommandLineBuildsOnlyTheSubcommandItNamesExactly() {
        assertEquals("run", Main.namedSubcommand("run", "spec.json"));
        assertEquals("validate", Main.namedSubcommand("--debug", "--plugin-path", "validate", "validate", "x.json"));
        assertEquals("data", Main.namedSubcommand("--quiet", "--plugin-path=p", "data", "synth"));
        assertEquals(null, Main.namedSubcommand("help", "run"), "help needs the whole tree");
        assertEquals(null, Main.namedSubcommand("rnu"), "a misspelt name gets suggestions from the whole tree");
        assertEquals(null, Main.namedSubcommand("--help"));
        assertEquals(null, Main.namedSubcommand());
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        Session session = Main.session(sink, sink, Path.of(""), java.util.Map.of());
        assertEquals(List.of("validate"), List.copyOf(Main.commandLine(session, "validate").getSubcommands().keySet()));
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        Cli.Outcome r = Cli.illc("--help");
        assertEquals(0, r.code());
        for (String command : new String[]{"run", "validate", "plugins", "describe", "demo", "convert"}) {
            assertTrue(r.out().contains(command), () -> "help does not mention " + command + ":\n" + r.out());
        }
    }

    @Test
    void everySubcommandHasHelpWithTheCommonOptions() {
        for (String command : new String[]{"run", "validate", "plugins", "describe", "demo", "convert"}) {
            Cli.Outcome r = Cli.illc(command, "--help");
            assertEquals(0, r.code(), command);
            for (String option : new String[]{"--quiet", "--debug", "--plugin-path"}) {
                assertTrue(r.out().contains(option), () -> command + " --help lacks " + option + ":\n" + r.out());
            }
        }
    }

    @Test
    void anUnknownCommandIsBadInputWithOneLineThatSuggestsTheClosestCommand() {
        Cli.Outcome r = Cli.illc("valdate", "x.json");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("illc: unknown command 'valdate'; commands: run, validate,"), r.err());
        assertTrue(r.err().contains("did you mean 'validate'?"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void anUnknownOptionIsBadInputWithOneLine() {
        Cli.Outcome r = Cli.illc("plugins", "--colour");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("illc: unknown option: '--colour'"), r.err());
        assertTrue(r.err().contains("illc plugins --help"), r.err());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void anExtraArgumentIsBadInputNamingIt() {
        Cli.Outcome r = Cli.illc("validate", "a.json", "b.json");
        assertEquals(2, r.code(), r.err());
        assertEquals("illc: unexpected argument 'b.json' (see 'illc validate --help')", r.err().strip());
    }

    @Test
    void aMissingArgumentIsBadInput() {
        Cli.Outcome r = Cli.illc("validate");
        assertEquals(2, r.code(), r.err());
        assertEquals("illc: missing required parameter: 'SPEC' (see 'illc validate --help')", r.err().strip());
        r.assertNoJavaInternalsOnStderr();
    }

    @Test
    void aValueGivenWithoutItsRequiredOptionIsSuggestedUnderIt() {
        Cli.Outcome explain = Cli.illc("explain", "spec.json", "5");
        Cli.Outcome synth = Cli.illc("data", "synth", "1000", "--out", "x.csv");
        Cli.Outcome twoLeft = Cli.illc("explain", "spec.json", "5", "6");

        assertEquals(2, explain.code(), explain.err());
        assertEquals("illc: missing required option: '--row=ROW'; did you mean '--row 5'? (see 'illc explain --help')",
                explain.err().strip());
        assertEquals("illc: missing required option: '--rows=N'; did you mean '--rows 1000'? (see 'illc data synth --help')",
                synth.err().strip());
        assertEquals("illc: missing required option: '--row=ROW' (see 'illc explain --help')", twoLeft.err().strip());
    }

    @Test
    void noCommandAtAllIsBadInputAndShowsTheUsage() {
        Cli.Outcome r = Cli.illc();
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("illc: missing command"), r.err());
        assertTrue(r.err().contains("Usage: illc"), r.err());
    }

    @Test
    void commonOptionsMayAlsoStandBeforeTheCommand(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-folder");
        Cli.Outcome r = Cli.illc("--plugin-path", missing.toString(), "plugins");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
        r.assertNoJavaInternalsOnStderr();
    }
}
