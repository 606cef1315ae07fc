import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The same `illc run` repeated in one JVM (warm-runs.sh): wall and process CPU time per run. The
 * later runs have their classes loaded, their code compiled and OpenBLAS loaded: what a run costs
 * without the JVM's start and warm-up, the floor of the whole process's time.
 *
 *   java -cp CLASSPATH WarmRuns.java RUNS SPEC OUT
 */
public final class WarmRuns {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] walls = new double[runs];
        System.out.println("| run | wall [s] | cpu [s] |");
        System.out.println("|---:|---:|---:|");
        for (int i = 0; i < runs; i++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            int code = io.illc.cli.Main.execute(quiet, System.err, "run", args[1], "--out", args[2], "--force", "--quiet");
            walls[i] = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                System.err.println("WarmRuns: run " + (i + 1) + " exited with " + code);
                System.exit(code);
            }
            System.out.printf("| %d | %.3f | %.3f |%n", i + 1, walls[i], (os.getProcessCpuTime() - cpu) / 1e9);
        }
        double[] later = Arrays.copyOfRange(walls, runs / 2, runs);
        Arrays.sort(later);
        System.out.printf("%nwarm: median wall of runs %d-%d: %.3f s%n", runs / 2 + 1, runs, later[later.length / 2]);
    }
}
