package io.illc.core.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {
    @Test
    void distanceAndSharedLettersByHand() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(2, Suggestions.distance("lbl", "label"));
        assertEquals(2, Suggestions.distance("lbl", "b"));
        assertEquals(3, Suggestions.sharedInOrder("lbl", "label"));
        assertEquals(1, Suggestions.sharedInOrder("lbl", "b"));
        assertEquals(0, Suggestions.sharedInOrder("", "label"));
    }

    @Test
    void aTieGoesToTheCandidateSharingMoreLettersInOrder() {
        // Both are two edits away; the column list's order (b before label) no longer decides.
        assertEquals(Optional.of("label"), Suggestions.closest("lbl", List.of("a", "b", "label")));
        assertEquals(Optional.of("label"), Suggestions.closest("lbl", List.of("label", "b")));
    }

    @Test
    void theNearestStillWinsAndFarNamesAreNotSuggested() {
        assertEquals(Optional.of("kmeans"), Suggestions.closest("kmeanz", List.of("agglomerative", "kmeans", "labels")));
        assertEquals(Optional.of("Ward"), Suggestions.closest("wrad", List.of("single", "Ward")));
        assertEquals(Optional.empty(), Suggestions.closest("spectral", List.of("agglomerative", "kmeans")));
        assertEquals("; did you mean 'label'?", Suggestions.didYouMean("lable", List.of("b", "label")));
        assertEquals("", Suggestions.didYouMean("zzz", List.of()));
    }

    @Test
    void aShortNameWithNoLetterInCommonIsNotSuggested() {
        // One edit each, within the allowance of two, but nothing of what was typed survives in them.
        assertEquals(Optional.empty(), Suggestions.closest("z", List.of("a", "b", "y")));
        assertEquals(Optional.empty(), Suggestions.closest("xy", List.of("ab")));
        assertEquals(Optional.of("y"), Suggestions.closest("Y", List.of("a", "b", "y")));
        assertEquals(Optional.of("ab"), Suggestions.closest("a", List.of("ab", "xy")));
    }
}
