package io.illc.experiments;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.illc.core.Illc;
import io.illc.core.IllcModule;
import io.illc.core.InputException;
import io.illc.core.Setting;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The same engine setting, rejected by the same stage, is reported at the path the user wrote: in
 * a pipeline spec and in an experiment spec, which name it differently.
 */
class SettingPathsTest {
    private static final Injector INJECTOR = Guice.createInjector(new IllcModule(List.of()));

    @TempDir
    Path folder;

    @Test
    void anExperimentSpecsBadHoldoutIsReportedAtItsOwnPath() {
        ExperimentSpec spec = new ExperimentSpecParser(INJECTOR.getInstance(PluginCatalog.class)).parse("""
                {"experimentVersion": 1, "seed": 3, "data": {"builtin": "iris"},
                 "grid": {"depths": [1], "widths": [4], "trainingSeeds": [0], "shrinks": [0.5], "holdout": 0.999,
                          "clusterings": [{"name": "kmeans", "params": {"restarts": 1}, "label": "kmeans"}],
                          "train": {"epochs": 1, "batchSize": 32}}}""", folder, "bad-holdout.json");
        InputException e = assertThrows(InputException.class, () -> INJECTOR.getInstance(Experiments.class)
                .run(spec, folder.resolve("out"), false, ExperimentProgress.SILENT));
        assertEquals(List.of("$.grid.holdout: 0.999 of 150 rows leaves 150 held-out and 0 fitting rows;"
                + " both need at least one"), e.problems());
    }

    @Test
    void aPipelineSpecsBadHoldoutIsReportedAtItsOwnPath() {
        Illc illc = INJECTOR.getInstance(Illc.class);
        PipelineSpec spec = illc.parse("""
                {"specVersion": 1, "seed": 3, "data": {"builtin": "iris"},
                 "model": {"train": {"hidden": [4], "epochs": 1}},
                 "compression": {"method": "illc", "shrink": 0.5, "clustering": {"name": "kmeans"},
                                 "rows": {"holdout": 0.999}}}""", folder, "bad-holdout.json");
        InputException e = assertThrows(InputException.class, () -> illc.compute(spec));
        assertEquals(List.of("$.compression.rows.holdout: 0.999 of 150 rows leaves 150 held-out and 0 fitting rows;"
                + " both need at least one"), e.problems());
    }

    @Test
    void everySettingHasAPathInBothKindsOfSpec() {
        for (Setting setting : Setting.values()) {
            assertEquals('$', PipelineSpec.SETTING_PATHS.of(setting).charAt(0), setting.name());
            assertEquals('$', ExperimentSpec.SETTING_PATHS.of(setting).charAt(0), setting.name());
        }
    }
}
