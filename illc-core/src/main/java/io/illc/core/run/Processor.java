package io.illc.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The processor a run computed on, for its provenance. OpenBLAS chooses its kernels by the widest
 * vector instructions the processor has (AVX-512, AVX2, …) unless {@code OPENBLAS_CORETYPE} names
 * them, and kernels of different widths sum products in different orders: two machines that differ
 * here give results that differ in the last bits, and training amplifies those.
 */
public final class Processor {
    /** The vector extensions OpenBLAS tells kernels apart by, widest first. */
    private static final List<String> EXTENSIONS = List.of("avx512f", "avx2", "avx", "sse2");

    private Processor() {
    }

    /** "model name (widest extension)" of this machine, from {@code /proc/cpuinfo}; the JVM's os.arch where there is none. */
    public static String describe() {
        return ThisMachine.DESCRIPTION;
    }

    /** Read once, when first asked: an experiment names the processor in every cell. */
    private static final class ThisMachine {
        static final String DESCRIPTION = read();

        private static String read() {
            try {
                return describe(Files.readAllLines(Path.of("/proc/cpuinfo")));
            } catch (IOException | UncheckedIOException | SecurityException e) {
                return System.getProperty("os.arch");
            }
        }
    }

    /** The same, from the lines of a {@code /proc/cpuinfo}: its first processor's model name and flags. */
    static String describe(List<String> cpuinfo) {
        String model = field(cpuinfo, "model name");
        String flags = field(cpuinfo, "flags");
        Set<String> has = flags == null ? Set.of() : Set.of(flags.split("\\s+"));
        String widest = EXTENSIONS.stream().filter(has::contains).findFirst().orElse("no vector extension listed");
        return (model == null ? "unknown processor" : model) + " (" + widest + ")";
    }

    /** What OPENBLAS_CORETYPE asks for, or "auto" when OpenBLAS chooses by the processor. */
    public static String openblasCoreType() {
        String asked = System.getenv("OPENBLAS_CORETYPE");
        return asked == null || asked.isBlank() ? "auto" : asked;
    }

    /** {@link #describe()}, followed by {@code " with OPENBLAS_CORETYPE=<kernels>"} when that is set: what decides the kernels. */
    public static String kernels() {
        String core = openblasCoreType();
        return describe() + (core.equals("auto") ? "" : " with OPENBLAS_CORETYPE=" + core);
    }

    private static String field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
