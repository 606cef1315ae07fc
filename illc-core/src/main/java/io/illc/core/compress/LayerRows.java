package io.illc.core.compress;

import io.illc.api.ClusterAssignment;
import io.illc.api.DenseLayer;
import io.illc.api.NeuronPoints;

import java.util.List;

/**
 * What the {@link Compressor}'s layer loop needs from the rows, and nothing else: the neurons to
 * cluster and the merge of the next layer's input side. One implementation holds the rows and their
 * activations in memory ({@link HeldLayerRows}), the other streams them ({@link StreamedLayerRows});
 * both compute every sum block by block of {@link io.illc.core.stream.LocalRowPasses#CHUNK_ROWS}
 * rows in row order, so given the same rows they return the same numbers. Called by one thread, in
 * the loop's order.
 */
interface LayerRows {

    /**
     * The neurons of hidden layer l: for a global compression the original network's outputs of
     * layer l, for ILLC the outputs of {@code halfMerged} fed by the compressed prefix.
     *
     * @param layer      l, 1-based
     * @param halfMerged layer l with its input side merged
     * @param prefix     the cluster layers of hidden layers 1..l-1
     */
    NeuronPoints points(int layer, DenseLayer halfMerged, List<DenseLayer> prefix);

    /**
     * Layer l+1 with its input side merged over the partition of layer l.
     *
     * @param prefix the cluster layers of hidden layers 1..l (the last one is layer l's)
     */
    DenseLayer mergeOutgoing(int layer, DenseLayer next, ClusterAssignment partition, List<DenseLayer> prefix);
}
