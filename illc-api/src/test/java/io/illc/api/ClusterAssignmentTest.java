package io.illc.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterAssignmentTest {

    @Test
    void labelsAreNumberedByFirstAppearance() {
        ClusterAssignment p = ClusterAssignment.fromLabels(new int[] {7, 3, 7, 5, 3});

        assertArrayEquals(new int[] {0, 1, 0, 2, 1}, p.labels());
        assertEquals(3, p.clusterCount());
        assertArrayEquals(new int[] {2, 2, 1}, p.sizes());
    }

    @Test
    void membersOfEveryClusterInOnePassAreEachClustersMembers() {
        ClusterAssignment p = ClusterAssignment.fromLabels(new int[] {7, 3, 7, 5, 3, 7});

        int[][] all = p.membersByCluster();

        assertArrayEquals(new int[][] {{0, 2, 5}, {1, 4}, {3}}, all);
        for (int c = 0; c < p.clusterCount(); c++) {
            assertArrayEquals(p.members(c), all[c]);
        }
        assertArrayEquals(new int[][] {{0}, {1}, {2}}, ClusterAssignment.identity(3).membersByCluster());
    }
}
