package io.illc.core.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Lays out a DOT file as SVG, when it can. Bound to {@link DotProgram}; tests bind a fake. */
public interface Graphviz {
    /**
     * Writes {@code svg} from {@code dot}, or says why not.
     *
     * @return a note for the user when no SVG was made
     */
    Optional<String> svg(Path dot, Path svg) throws IOException;
}
