package io.illc.core.pipeline;

import io.illc.api.Mlp;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.SettingException;
import io.illc.core.Workers;
import io.illc.core.data.DataChecks;
import io.illc.core.data.Dataset;
import io.illc.core.model.LoadedModel;
import io.illc.core.model.Trainer;
import io.illc.core.model.TrainingProgress;
import io.illc.core.model.TrainingResult;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.ModelSpec;
import io.illc.core.spec.TrainSpec;
import io.illc.core.stream.ChunkSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The model stage: the original network, loaded from a file or trained on the data, and the data
 * aligned to its inputs. Stateless and thread-safe.
 */
public final class ModelStage {
    /** Loads the model file of {@code spec} on every processor; a file without names takes them from {@code data}. */
    public ModelSource load(ModelSpec.Load spec, Dataset data) {
        return load(spec, data, Workers.available());
    }

    /**
     * Loads the model file of {@code spec}, a large weights JSON file on up to {@code threads}
     * threads, while another thread hashes the file for the provenance; a file without names takes
     * them from {@code data}.
     */
    public ModelSource load(ModelSpec.Load spec, Dataset data, int threads) {
        return begin(spec, threads).await(data);
    }

    /**
     * Starts reading the model file of {@code spec} (a large weights JSON file on up to
     * {@code threads} threads) and hashing it, each on a thread of its own, so that the caller can
     * load the data meanwhile; {@link Pending#await} gives the model. A read of the same file
     * started ahead ({@link ModelReadAhead}) is taken over instead.
     */
    public Pending begin(ModelSpec.Load spec, int threads) {
        ModelReadAhead.Read ahead = ModelReadAhead.take(spec.file(), spec.format());
        ModelReadAhead.Read read = ahead != null ? ahead : ModelReadAhead.read(spec.file(), spec.format(), threads);
        return new Pending(spec, read.loaded(), read.hash());
    }

    /** A model file being read and hashed. */
    public static final class Pending {
        private final ModelSpec.Load spec;
        private final CompletableFuture<LoadedModel> loaded;
        private final CompletableFuture<String> hash;

        private Pending(ModelSpec.Load spec, CompletableFuture<LoadedModel> loaded, CompletableFuture<String> hash) {
            this.spec = spec;
            this.loaded = loaded;
            this.hash = hash;
        }

        /**
         * Waits for the model; a file without names takes them from {@code data}.
         *
         * @throws InputException (or whatever else) reading the file failed with
         */
        public ModelSource await(Dataset data) {
            LoadedModel model = Workers.join(loaded);
            // The digest is for the provenance only: the run goes on while it finishes.
            return new ModelSource(nameFromData(model, data), spec.file(), model.format(), hash,
                    Double.NaN, Double.NaN, model.namedInputs());
        }
    }

    /** Trains a network on {@code data} with the seeded split and initial weights of {@code seed}. */
    public TrainingResult train(Dataset data, TrainSpec spec, long seed, TrainingProgress progress) {
        DataChecks.requireTwoClasses(data);
        return Trainer.train(data, spec, seed, progress);
    }

    /**
     * Trains a network on streamed rows, exactly as {@link #train(Dataset, TrainSpec, long, TrainingProgress)}
     * on the same rows held.
     *
     * @param header the data's names and classes; {@code rows} carry the labels
     */
    public TrainingResult train(ChunkSource rows, Dataset header, TrainSpec spec, long seed, TrainingProgress progress) {
        DataChecks.requireTwoClasses(header);
        return Trainer.train(rows, header, spec, seed, progress);
    }

    /** A trained network as the original of a run. */
    public ModelSource trained(TrainingResult trained) {
        return new ModelSource(trained.mlp(), null, "trained", Hashes.sha256(WeightsJson.toBytes(trained.mlp())),
                trained.trainAccuracy(), trained.testAccuracy(), true);
    }

    /**
     * The data with its columns in the model's input order (by name when the model has names), checked
     * against the model's class count.
     *
     * @throws SettingException for data that does not fit the model, each problem the {@code model.load} setting's
     */
    public Dataset align(Dataset data, ModelSource model) {
        Mlp mlp = model.mlp();
        Dataset aligned;
        try {
            aligned = DataChecks.alignToModel(data, mlp.inputNames(), model.namedInputs(), mlp.inputCount());
        } catch (InputException e) {
            throw SettingException.of(Setting.MODEL_LOAD, e); // only a loaded model can be of other data
        }
        if (aligned.hasLabels() && aligned.classNames().size() > Math.max(2, mlp.outputCount())) {
            throw new SettingException(Setting.MODEL_LOAD, "the data has " + aligned.classNames().size()
                    + " classes but the model has " + mlp.outputCount() + " outputs");
        }
        return aligned;
    }

    /**
     * A model file without names takes them from the data, so the feature and class names of the
     * header reach the QBAF and every rendering: inputs when the counts match (they are then matched
     * by position), outputs when the class count fits (one sigmoid output is the second class).
     */
    private static Mlp nameFromData(LoadedModel loaded, Dataset data) {
        Mlp mlp = loaded.mlp();
        List<String> inputs = !loaded.namedInputs() && data.featureNames().size() == mlp.inputCount()
                ? data.featureNames() : mlp.inputNames();
        List<String> outputs = mlp.outputNames();
        if (!loaded.namedOutputs() && data.hasLabels()) {
            List<String> classes = data.classNames();
            if (classes.size() == mlp.outputCount()) {
                outputs = classes;
            } else if (mlp.outputCount() == 1 && classes.size() == 2) {
                outputs = List.of(classes.get(1));
            }
        }
        return new Mlp(mlp.layers(), inputs, outputs);
    }
}
