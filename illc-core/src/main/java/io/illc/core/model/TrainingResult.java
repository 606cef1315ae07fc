package io.illc.core.model;

import io.illc.api.Mlp;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Trainer#train} produced.
 *
 * @param mlp           the trained network on raw feature values (the standardisation is folded
 *                      into its first layer); inputs named like the dataset's features, outputs
 *                      like its classes (one sigmoid unit is named after the positive class)
 * @param trainAccuracy share of training rows classified correctly, in [0, 1]
 * @param testAccuracy  share of test rows classified correctly; NaN when no rows were held out
 *                      ({@code testFraction} rounds to zero rows)
 * @param trainRows     the dataset row indices used for training, ascending
 * @param testRows      the dataset row indices held out, ascending; empty when none were
 */
public record TrainingResult(Mlp mlp, double trainAccuracy, double testAccuracy,
                             List<Integer> trainRows, List<Integer> testRows) {
    public TrainingResult {
        Objects.requireNonNull(mlp, "mlp");
        trainRows = List.copyOf(trainRows);
        testRows = List.copyOf(testRows);
    }
}
