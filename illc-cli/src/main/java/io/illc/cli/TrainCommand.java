package io.illc.cli;

import io.illc.api.Activation;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.catalog.Suggestions;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import io.illc.core.model.ModelWriter;
import io.illc.core.model.TrainingResult;
import io.illc.core.pipeline.ModelStage;
import io.illc.core.spec.SpecParser;
import io.illc.core.spec.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code illc train DATA.csv [--label COL] [--hidden 64,64] [--epochs N] [--out model.json]}: trains
 * an MLP on a CSV without writing a spec, prints its accuracy and writes a model file that a spec's
 * {@code "model": {"load": ...}} reads. The same trainer, seeds and defaults as a spec's
 * {@code "train"} section.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = IllcCommand.Version.class,
        description = "Train an MLP on a CSV file (Deeplearning4j, seeded) and write it as a model file that"
                + " 'illc run' can load. Prints the train and test accuracy. A file too large for the heap is"
                + " streamed (its rows go to a temporary file) and trains the same network.")
final class TrainCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "DATA", description = "A CSV file with a header row (gzip-compressed or not).")
    Path data;

    @Option(names = "--label", paramLabel = "COL", description = "The label column (default: the last column).")
    String label;

    @Option(names = "--hidden", paramLabel = "N,N,...", split = ",", hideParamSyntax = true,
            description = "Widths of the hidden layers (default: the spec default, ${DEFAULT-VALUE}).")
    List<Integer> hidden = new ArrayList<>(TrainSpec.defaults().hidden());

    @Option(names = "--activation", paramLabel = "NAME", description = "Activation of the hidden layers (default: relu).")
    String activation = TrainSpec.defaults().activation().jsonName();

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
    int epochs = TrainSpec.defaults().epochs();

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share of rows held out for the test accuracy, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double testFraction = TrainSpec.defaults().testFraction();

    @Option(names = "--seed", paramLabel = "N", description = "Seeds the split and the initial weights (default: 0).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The model file: .json (weights JSON) or .zip (DL4J) (default: <DATA name>.model.json here).")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    TrainCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() {
        TrainSpec spec = trainSpec();
        Path csv = session.resolve(data);
        Path target = out != null ? session.resolve(out) : session.resolve(Path.of(baseName(csv) + ".model.json"));
        OutputFile.check(target, "--out", force, "a file name ending in .json or .zip");
        try {
            ModelWriter.format(target, null); // before the training, which can take a while
        } catch (InputException e) {
            throw e.reworded(p -> "--out: " + p);
        }
        TrainingResult trained;
        try {
            trained = train(csv, spec);
        } catch (SettingException e) {
            throw e.locatedAt(setting -> setting == Setting.TRAIN_TEST_FRACTION ? "--test-fraction" : setting.key());
        }
        ModelWriter.write(trained.mlp(), target, null);
        if (!options().quiet()) {
            out().println("trained " + shape(trained.mlp()) + " on " + trained.trainCount() + " rows of " + csv);
            out().println(accuracy(trained));
            out().println("wrote " + target + "; compress it with a spec whose model is {\"load\": \"" + target + "\"}");
            out().flush();
        }
        return Failures.OK;
    }

    /** The accuracies; with no row held out (too few rows, or --test-fraction 0) there is no test accuracy. */
    private String accuracy(TrainingResult trained) {
        String train = "train accuracy " + RunSummary.number(trained.trainAccuracy());
        if (trained.testCount() == 0) {
            return train + "; no test accuracy: --test-fraction " + RunSummary.number(testFraction) + " of "
                    + trained.trainCount() + " rows holds out none";
        }
        return String.format(Locale.ROOT, "%s, test accuracy %s (%d held-out rows)", train,
                RunSummary.number(trained.testAccuracy()), trained.testCount());
    }

    /**
     * Trains on the rows held, or streamed from the file when held they would not fit in the heap
     * (the same network either way; {@link CsvLoader#tooLargeToHold}).
     */
    private TrainingResult train(Path csv, TrainSpec spec) {
        String what = "training " + spec.hidden() + " " + spec.activation().jsonName() + " for " + spec.epochs() + " epochs";
        ModelStage stage = service(ModelStage.class);
        if (CsvLoader.tooLargeToHold(csv)) {
            var progress = progress();
            progress.stage("checking data " + csv.getFileName() + " (streamed)"); // a pass over the whole file
            CsvChunks rows = CsvChunks.open(csv, label, true, (done, total) -> progress.bytes("checking data", done, total));
            // A header of numbers is said before minutes of training, not after.
            RunSummary.headerOfNumbers(rows.header()).ifPresent(w -> progress.note("warning: " + w));
            progress.stage(what + " (" + rows.count() + " rows streamed)");
            return stage.train(rows, rows.header(), spec, seed, progress::epoch);
        }
        Dataset rows = CsvLoader.load(csv, label, true);
        RunSummary.headerOfNumbers(rows).ifPresent(w -> progress().note("warning: " + w));
        progress().stage(what);
        return stage.train(rows, spec, seed, progress()::epoch);
    }

    /** The options as a training spec, each checked and named as the user typed it. */
    private TrainSpec trainSpec() {
        List<String> problems = new ArrayList<>();
        if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w < 1)) {
            problems.add("--hidden: " + hidden + "; give at least one width, each at least 1 (e.g. --hidden 64,64)");
        }
        Activation hiddenActivation = Activation.fromName(activation);
        if (hiddenActivation == null || !SpecParser.HIDDEN_ACTIVATIONS.contains(hiddenActivation.jsonName())) {
            problems.add("--activation: unknown hidden-layer activation '" + activation + "'; allowed: "
                    + String.join(", ", SpecParser.HIDDEN_ACTIVATIONS)
                    + Suggestions.didYouMean(activation, SpecParser.HIDDEN_ACTIVATIONS));
        }
        if (epochs < 1) {
            problems.add("--epochs: " + epochs + "; must be at least 1");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            problems.add("--test-fraction: " + testFraction + "; must be in [0, 1)");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        TrainSpec defaults = TrainSpec.defaults();
        return new TrainSpec(hidden, hiddenActivation, epochs, defaults.batchSize(), defaults.learningRate(), testFraction,
                defaults.output());
    }

    /** "30 -> 64 -> 64 -> 2 (relu, softmax)". */
    private static String shape(Mlp mlp) {
        StringBuilder s = new StringBuilder().append(mlp.inputCount());
        mlp.layers().forEach(l -> s.append(" -> ").append(l.outputs()));
        return s + " (" + mlp.layers().get(0).activation().jsonName() + ", "
                + mlp.layers().get(mlp.layers().size() - 1).activation().jsonName() + ")";
    }

    /** The file's name without its extension: "rows" of rows.csv and of rows.csv.gz. */
    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".gz") && name.length() > 3) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
