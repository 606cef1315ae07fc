package io.illc.core.local;

import io.illc.api.LocalContext;
import io.illc.api.Qbaf;
import io.illc.core.qbaf.QbafBuilder;

import java.util.Arrays;
import java.util.Objects;

/**
 * A local explanation as a run reports it: the explanation, the row's class names, and whether its
 * QBAF and clusters are written.
 *
 * @param explanation the explanation; a {@linkplain LocalExplanation#summary() summary} when not rendered
 * @param prediction  the original network's predicted class at the row
 * @param trueLabel   the row's label, or {@code null} when its data has none
 * @param render      write the QBAF and clusters (listed rows and new rows; every row only with renderAll)
 */
public record ExplainedRow(LocalExplanation explanation, String prediction, String trueLabel, boolean render) {
    public ExplainedRow {
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(prediction, "prediction");
        if (render && !explanation.hasNetwork()) {
            throw new IllegalArgumentException("row " + explanation.row() + " is to be rendered but its explanation is a"
                    + " summary without its local network");
        }
    }

    /** The row as the QBAF records it. */
    public LocalContext context() {
        return new LocalContext(explanation.row(), Arrays.stream(explanation.features().toArray()).boxed().toList(),
                prediction, trueLabel);
    }

    /** The local QBAF: the local network with every argument's strength at the row. */
    public Qbaf qbaf() {
        return QbafBuilder.local(explanation.compressed(), explanation.partitions(), context());
    }

    /** Where the row's files go below the output folder: {@code local/<row>} or {@code local/new/<row>}. */
    public String folder() {
        return explanation.newRow() ? "local/new/" + explanation.row() : "local/" + explanation.row();
    }

    /** The row in {@code summary.csv}: its number, or {@code new/<number>} for a new row. */
    public String label() {
        return explanation.newRow() ? "new/" + explanation.row() : Integer.toString(explanation.row());
    }
}
