package io.illc.dist;

import io.illc.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time generator of the distribution's shell completion script and man page sources, both
 * derived by picocli from the {@code illc} command tree, so they can never disagree with
 * {@code illc --help}. Run by the build (exec-maven-plugin) in illc-dist; not shipped.
 */
public final class ShellDocs {
    private ShellDocs() {
    }

    /**
     * @param args the completion script to write (one file for bash and zsh), then the folder for the
     *             AsciiDoc man page sources ({@code illc.adoc}, {@code illc-run.adoc}, ...), which the
     *             build turns into troff man pages
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ShellDocs COMPLETION_FILE MAN_ADOC_DIR");
        }
        CommandLine tree = Main.commandTree();
        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash("illc", tree), StandardCharsets.UTF_8);

        Path manDir = Path.of(args[1]);
        Files.createDirectories(manDir);
        int exit = ManPageGenerator.generateManPage(manDir.toFile(), null, new boolean[0], true,
                tree.getCommandSpec());
        if (exit != 0) {
            throw new IOException("picocli's man page generator failed with exit code " + exit);
        }
    }
}
