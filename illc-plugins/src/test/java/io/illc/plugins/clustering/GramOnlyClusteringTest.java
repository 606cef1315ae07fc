package io.illc.plugins.clustering;

import io.illc.api.ClusteringStrategy;
import io.illc.api.NeuronPoints;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The built-in clusterings need the Gram matrix only: streamed data gives them nothing else. */
class GramOnlyClusteringTest {

    @Test
    void kMeansAndEveryLinkageGiveTheSamePartitionFromTheGramMatrixAlone() {
        NeuronPoints withPoints = Neurons.points(2, Neurons.gaussian(new Random(5), 40, 25));
        NeuronPoints gramOnly = NeuronPoints.ofGram(2, withPoints.gram());
        List<ClusteringStrategy> strategies = List.of(new KMeansClustering(300, 1e-4, 10),
                new AgglomerativeClustering(Linkage.WARD), new AgglomerativeClustering(Linkage.AVERAGE),
                new AgglomerativeClustering(Linkage.COMPLETE));
        for (ClusteringStrategy s : strategies) {
            for (int k : new int[]{1, 7, 40}) {
                assertEquals(s.cluster(withPoints, k, 9), s.cluster(gramOnly, k, 9), s + " k=" + k);
            }
        }
    }

    @Test
    void gramOnlyPointsSayTheyHaveNoPointsAndStillKnowTheirDistances() {
        NeuronPoints hand = Neurons.points(1, Neurons.onLine(0, 3, 7));
        NeuronPoints gramOnly = NeuronPoints.ofGram(1, hand.gram());
        assertFalse(gramOnly.hasPoints());
        assertEquals(3, gramOnly.neurons());
        assertEquals(49.0, gramOnly.squaredDistance(0, 2), 1e-12);
        assertThrows(IllegalStateException.class, gramOnly::points);
        assertThrows(IllegalStateException.class, gramOnly::samples);
    }
}
