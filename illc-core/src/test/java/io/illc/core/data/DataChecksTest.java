package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataChecksTest {

    /** Columns b, a, c; rows (1, 2, 3) and (4, 5, 6); labels 1, 0. */
    private static Dataset bac() {
        return new Dataset("d.csv", List.of("b", "a", "c"), Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}),
                "y", List.of("0", "1"), new int[] {1, 0}, "abc123");
    }

    @Test
    void reordersFeatureColumnsToTheModelsInputNames() {
        Dataset aligned = DataChecks.alignToModel(bac(), List.of("a", "b", "c"), true, 3);
        assertEquals(List.of("a", "b", "c"), aligned.featureNames());
        assertEquals(Matrix.of(new double[][] {{2, 1, 3}, {5, 4, 6}}), aligned.features());
        assertArrayEquals(new int[] {1, 0}, aligned.labels());
        assertEquals(List.of("0", "1"), aligned.classNames());
        assertEquals("y", aligned.labelName());
        assertEquals("d.csv", aligned.name());
        assertEquals("abc123", aligned.sha256());
    }

    @Test
    void keepsTheDataWhenTheColumnsAreAlreadyInTheModelsOrder() {
        Dataset d = bac();
        assertSame(d, DataChecks.alignToModel(d, List.of("b", "a", "c"), true, 3));
    }

    @Test
    void matchesByPositionWhenTheModelHasNoNames() {
        Dataset d = bac();
        assertSame(d, DataChecks.alignToModel(d, Mlp.names("x", 3), false, 3));
    }

    @Test
    void namesAModelInputThatTheDataLacksAndAColumnTheModelLacks() {
        InputException e = assertThrows(InputException.class,
                () -> DataChecks.alignToModel(bac(), List.of("a", "b", "cc"), true, 3));
        assertEquals(List.of(
                "data 'd.csv' has no column 'cc', an input of the model; did you mean 'c'?",
                "data 'd.csv' has column 'c', which is not an input of the model; remove it or make it the label; did you mean 'cc'?",
                "the model's inputs: a, b, cc",
                "the data's feature columns: b, a, c"),
                e.problems());
    }

    @Test
    void namesAMissingInputWhenTheDataHasFewerColumns() {
        InputException e = assertThrows(InputException.class,
                () -> DataChecks.alignToModel(bac(), List.of("a", "b", "c", "mean_area"), true, 4));
        assertEquals(List.of("data 'd.csv' has no column 'mean_area', an input of the model",
                "the model's inputs: a, b, c, mean_area", "the data's feature columns: b, a, c"), e.problems());
    }

    @Test
    void namesBothCountsWhenMatchingByPositionFails() {
        Dataset d = new Dataset("bc.csv", Mlp.names("f", 29), Matrix.zeros(1, 29), null, List.of(), null, "0");
        InputException e = assertThrows(InputException.class, () -> DataChecks.alignToModel(d, Mlp.names("x", 30), false, 30));
        assertEquals("data 'bc.csv' has 29 feature columns but the model takes 30 inputs", e.getMessage());
    }

    @Test
    void acceptsTwoClassesForTraining() {
        assertDoesNotThrow(() -> DataChecks.requireTwoClasses(bac()));
    }

    @Test
    void rejectsASingleClassForTraining() {
        Dataset d = new Dataset("one.csv", List.of("a"), Matrix.zeros(2, 1), "y", List.of("1"), new int[] {0, 0}, "0");
        InputException e = assertThrows(InputException.class, () -> DataChecks.requireTwoClasses(d));
        assertEquals("label column 'y' of data 'one.csv' has a single class '1'; training needs at least two classes",
                e.getMessage());
    }

    @Test
    void rejectsDataWithoutLabelsForTraining() {
        Dataset d = new Dataset("x.csv", List.of("a"), Matrix.zeros(2, 1), null, List.of(), null, "0");
        InputException e = assertThrows(InputException.class, () -> DataChecks.requireTwoClasses(d));
        assertEquals("data 'x.csv' has no label column; training needs one", e.getMessage());
    }
}
