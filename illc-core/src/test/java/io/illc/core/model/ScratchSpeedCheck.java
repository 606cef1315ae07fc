package io.illc.core.model;

import io.illc.api.Activation;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.spec.TrainSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

class ScratchSpeedCheck {
    @Test
    void run() {
        Dataset bc = BuiltinDatasets.load("breast-cancer");
        for (long seed = 0; seed < 3; seed++) {
            long t = System.nanoTime();
            TrainSpec demo = new TrainSpec(List.of(64, 64, 64), Activation.RELU, 60, 64, 0.001, 0.2, Activation.SOFTMAX);
            final long s = seed;
            TrainingResult r = Trainer.train(bc, demo, seed, (e, n, loss) -> { if (e % 10 == 0 || e == 1) System.out.println("seed " + s + " epoch " + e + " loss " + loss); });
            System.out.println("seed " + seed + " train " + r.trainAccuracy() + " test " + r.testAccuracy() + " time " + (System.nanoTime() - t) / 1e9);
        }
    }
}
