package io.illc.core.pipeline;

import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.CsvChunks;
import io.illc.core.data.CsvLoader;
import io.illc.core.data.Dataset;
import io.illc.core.spec.DataSpec;

/** The data stage: a built-in data set or a CSV file, as a {@link Dataset}. Stateless and thread-safe. */
public final class DataStage {
    /**
     * @param threads the threads that parse a CSV file (the same dataset for any count)
     * @throws io.illc.core.InputException for a missing or malformed file, naming file, line and column
     */
    public Dataset load(DataSpec spec, int threads) {
        return load(spec, threads, (done, total) -> { });
    }

    /** As {@link #load(DataSpec, int)}, telling {@code progress} how much of a CSV file is read. */
    public Dataset load(DataSpec spec, int threads, CsvChunks.BytesRead progress) {
        if (spec instanceof DataSpec.Builtin builtin) {
            return BuiltinDatasets.load(builtin.name());
        }
        DataSpec.Csv csv = (DataSpec.Csv) spec;
        return CsvLoader.load(csv.file(), csv.label(), csv.hasLabel(), threads, progress);
    }
}
