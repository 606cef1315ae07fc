package io.illc.core.data;

import io.illc.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BuiltinDatasetsTest {

    @Test
    void listsTheBuiltinNamesSorted() {
        assertEquals(List.of("breast-cancer", "iris"), BuiltinDatasets.names());
    }

    @Test
    void breastCancerHas569RowsOf30FeaturesAnd212Malignant() {
        Dataset d = BuiltinDatasets.load("breast-cancer");
        assertEquals("breast-cancer", d.name());
        assertEquals(569, d.rows());
        assertEquals(30, d.featureNames().size());
        assertEquals("mean_radius", d.featureNames().get(0));
        assertEquals("worst_fractal_dimension", d.featureNames().get(29));
        assertEquals("diagnosis", d.labelName());
        assertEquals(List.of("0", "1"), d.classNames());
        int malignant = d.classNames().indexOf("1");
        assertEquals(212, Arrays.stream(d.labels()).filter(l -> l == malignant).count());
        // The first row of WDBC: mean radius 17.99, worst area 2019, malignant.
        assertEquals(17.99, d.features().get(0, 0));
        assertEquals(2019.0, d.features().get(0, 23));
        assertEquals(malignant, d.labels()[0]);
    }

    @Test
    void theHeaderAloneGivesTheFeatureNamesAndLabelOfTheLoadedDataset() {
        for (String name : BuiltinDatasets.names()) {
            assertEquals(BuiltinDatasets.load(name).featureNames(), BuiltinDatasets.featureNames(name), name);
            assertEquals(BuiltinDatasets.load(name).labelName(), BuiltinDatasets.labelName(name), name);
        }
        InputException e = assertThrows(InputException.class, () -> BuiltinDatasets.featureNames("iriss"));
        assertEquals("unknown builtin dataset 'iriss'; available: breast-cancer, iris; did you mean 'iris'?", e.getMessage());
    }

    @Test
    void breastCancerIsTheBundledFileByteForByte() {
        assertEquals("262f4e2b986564ad76a07e6cf3478fa4f36bffe2204456f89874e7e32d082883",
                BuiltinDatasets.load("breast-cancer").sha256());
    }

    @Test
    void irisHas150RowsOf4FeaturesIn3ClassesOf50() {
        Dataset d = BuiltinDatasets.load("iris");
        assertEquals(150, d.rows());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.featureNames());
        assertEquals("species", d.labelName());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        for (int c = 0; c < 3; c++) {
            int cls = c;
            assertEquals(50, Arrays.stream(d.labels()).filter(l -> l == cls).count());
        }
        assertEquals("7b3e4d3006a59de48e65a78aa30f8dedfad71512cf7ebdc3e604a33730b0d2da", d.sha256());
    }

    @Test
    void rejectsAnUnknownNameListingTheAvailableOnesAndSuggestingOne() {
        InputException e = assertThrows(InputException.class, () -> BuiltinDatasets.load("iriss"));
        assertEquals("unknown builtin dataset 'iriss'; available: breast-cancer, iris; did you mean 'iris'?", e.getMessage());
    }

    @Test
    void rejectsAnUnrelatedNameWithoutASuggestion() {
        InputException e = assertThrows(InputException.class, () -> BuiltinDatasets.load("mnist"));
        assertEquals("unknown builtin dataset 'mnist'; available: breast-cancer, iris", e.getMessage());
    }
}
