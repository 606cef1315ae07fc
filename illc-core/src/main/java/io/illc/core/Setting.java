package io.illc.core;

/**
 * A setting an engine checks, named the way the engines know it. Where the user wrote it (the JSON
 * path in a pipeline spec or an experiment spec) is the spec layer's knowledge: see
 * {@link SettingException#locatedAt}.
 */
public enum Setting {
    /** The share of rows held out for scoring. */
    HOLDOUT("holdout"),
    /** The cluster count of every hidden layer (indexed by layer, 0-based). */
    CLUSTERS("clusters"),
    /** The share of the fitting rows fine-tuning validates on. */
    FINETUNE_VALIDATION("finetune.validation"),
    /** The data rows a local explanation is asked for (indexed by position in the list). */
    LOCAL_INSTANCES("local.instances"),
    /** The CSV of new rows to explain locally. */
    LOCAL_CSV("local.csv"),
    /** The width of the local kernel. */
    KERNEL_WIDTH("local.kernel.width"),
    /** The baseline local explanations are compared with. */
    LOCAL_BASELINE("local.baseline"),
    /** The model file the run loads. */
    MODEL_LOAD("model.load"),
    /** The output activation of a trained model. */
    TRAIN_OUTPUT("train.output"),
    /** The share of rows a training holds out for its test accuracy. */
    TRAIN_TEST_FRACTION("train.testFraction");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** The engine's name for the setting, as in messages without a spec: {@code finetune.validation}. */
    public String key() {
        return key;
    }

    /** Where a setting came from: the JSON path of a setting in the file the user wrote. */
    @FunctionalInterface
    public interface Paths {
        /** The JSON path of {@code setting}, e.g. {@code $.compression.finetune.validation}. */
        String of(Setting setting);
    }
}
