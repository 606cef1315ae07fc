package io.illc.core.data;

import io.illc.api.Matrix;
import io.illc.api.Mlp;
import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aModelOfOtherDataIsOneLineEachWayNotOneLinePerColumn() {
        Dataset d = new Dataset("big.csv", List.of("f0", "f1", "f2", "f3", "a"), Matrix.zeros(1, 5), null, List.of(), null, "0");

        List<String> problems = DataChecks.inputProblems(d.name(), d.featureNames(), List.of("a", "x0", "x1", "x2", "x3"),
                true, 5);

        assertEquals(List.of(
                "data 'big.csv' has no column for 4 inputs of the model: 'x0', 'x1', 'x2', 'x3'",
                "data 'big.csv' has 4 columns that are not inputs of the model: 'f0', 'f1', 'f2', 'f3'; remove them or make one the label",
                "the model's inputs: a, x0, x1, x2, x3",
                "the data's feature columns: f0, f1, f2, f3, a"), problems);
        assertEquals(problems, assertThrows(InputException.class,
                () -> DataChecks.alignToModel(d, List.of("a", "x0", "x1", "x2", "x3"), true, 5)).problems());
    }

    @Test
    void typosArePairedAndTheRestGrouped() {
        List<String> problems = DataChecks.inputProblems("d.csv", List.of("radius", "extra1", "extra2"),
                List.of("raduis", "gone1", "gone2"), true, 3);

        assertEquals(List.of(
                "data 'd.csv' has no column 'raduis', an input of the model; did you mean 'radius'?",
                "data 'd.csv' has no column for 2 inputs of the model: 'gone1', 'gone2'",
                "data 'd.csv' has column 'radius', which is not an input of the model; remove it or make it the label;"
                        + " did you mean 'raduis'?",
                "data 'd.csv' has 2 columns that are not inputs of the model: 'extra1', 'extra2'; remove them or make one the label",
                "the model's inputs: raduis, gone1, gone2",
                "the data's feature columns: radius, extra1, extra2"), problems);
    }

    @Test
    void aFileWithoutAHeaderRowIsSaidToBeOne() {
        List<String> problems = DataChecks.inputProblems("savetxt.csv", List.of("1.25", "-2.5"), List.of("a", "b"), true, 2);

        assertEquals("every column name of 'savetxt.csv' is a number: the file seems to have no header row, and its"
                + " first row was read as one; add a header naming the model's inputs", problems.get(problems.size() - 1));
        // pandas names the columns of a bare array 0, 1, ...: a header
        List<String> pandas = DataChecks.inputProblems("frame.csv", List.of("0", "1"), List.of("a", "b"), true, 2);
        assertEquals("the data's feature columns: 0, 1", pandas.get(pandas.size() - 1));
    }

    @Test
    void aHeaderThatNumpyStartedWithACommentSignIsSaidToBeOne() {
        List<String> problems = DataChecks.inputProblems("savetxt.csv", List.of("# a", "b"), List.of("a", "b"), true, 2);

        assertEquals("the first column of 'savetxt.csv' is named '# a': numpy's savetxt starts its header with '# '"
                + " unless given comments=''", problems.get(problems.size() - 1));
        assertEquals(List.of(), DataChecks.inputProblems("d.csv", List.of("#a", "b"), List.of("#a", "b"), true, 2));
    }

    @Test
    void rowsOfDataAreToldFromHeadersOfNames() {
        assertTrue(DataChecks.looksLikeARowOfData(List.of("1.706999", "-2.115339", "0")));
        assertTrue(DataChecks.looksLikeARowOfData(List.of(".5", "7.", "+1e-3")));
        assertFalse(DataChecks.looksLikeARowOfData(List.of("0", "1", "2")));
        assertFalse(DataChecks.looksLikeARowOfData(List.of("1.5", "label")));
        assertFalse(DataChecks.looksLikeARowOfData(List.of("1.5", "NaN")));
        assertFalse(DataChecks.looksLikeARowOfData(List.of()));
    }

    @Test
    void matchingNamesOrAMatchingCountIsNoProblem() {
        assertEquals(List.of(), DataChecks.inputProblems("d.csv", List.of("b", "a"), List.of("a", "b"), true, 2));
        assertEquals(List.of(), DataChecks.inputProblems("d.csv", List.of("b", "a"), List.of("x0", "x1"), false, 2));
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
