package io.illc.core.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyntheticDataTest {
    private static byte[] bytes(SyntheticData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.write(out, (done, total) -> { });
        return out.toByteArray();
    }

    @Test
    void theSameParametersGiveTheSameBytesAndAnotherSeedOthers() throws IOException {
        byte[] a = bytes(new SyntheticData(500, 4, 3, 7));
        assertArrayEquals(a, bytes(new SyntheticData(500, 4, 3, 7)));
        assertFalse(Arrays.equals(a, bytes(new SyntheticData(500, 4, 3, 8))));
    }

    @Test
    void writesAHeaderThenOneRowPerSampleWithEveryClassPresent() throws IOException {
        List<String> lines = new String(bytes(new SyntheticData(2000, 5, 3, 1)), StandardCharsets.UTF_8).lines().toList();
        assertEquals("f0,f1,f2,f3,f4,label", lines.get(0));
        assertEquals(2001, lines.size());
        Set<String> labels = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertEquals(6, fields.length, line);
            labels.add(fields[5]);
        }
        assertEquals(Set.of("c0", "c1", "c2"), labels, "the teacher uses every class on a mixture this wide");
    }

    @Test
    void theCsvReadsBackAsADataSetWithTheSameShape() throws IOException {
        Dataset data = CsvLoader.parse(bytes(new SyntheticData(300, 3, 2, 5)), "synth.csv", "synth", "label", true);
        assertEquals(300, data.rows());
        assertEquals(List.of("f0", "f1", "f2"), data.featureNames());
        assertEquals(List.of("c0", "c1"), data.classNames());
    }

    @Test
    void valuesAreWrittenWithSixDecimalsAndASignOnlyWhenNegative() {
        StringBuilder s = new StringBuilder();
        SyntheticData.appendFixed(s, -0.0123);
        s.append(' ');
        SyntheticData.appendFixed(s, 2.5);
        s.append(' ');
        SyntheticData.appendFixed(s, -0.0000001);
        assertEquals("-0.012300 2.500000 0.000000", s.toString());
    }

    @Test
    void theHeldBytesAreTheMeansTheTeachersWeightsARowAndItsLine() {
        // 10 features, 3 classes: means 6 × 10, teacher 32 × 10 and 3 × 32, a row 10 doubles: 486 doubles;
        // a line of 10 values of up to 11 characters, grown and copied out: 3 × 110 bytes.
        assertEquals(8 * 486 + 3 * 110, new SyntheticData(5, 10, 3, 0).heldBytes());
        assertEquals(new SyntheticData(5, 10, 3, 0).heldBytes(), new SyntheticData(5_000_000, 10, 3, 0).heldBytes(),
                "whatever the rows");
    }

    @Test
    void theTeacherPicksTheLargestOutputOfItsHandComputedNetwork() {
        // One input, two hidden units: tanh(1·x), tanh(−1·x); outputs c0 = h0, c1 = h1. x = 0.5 → h0 > h1 → c0.
        double[][] hidden = {{1}, {-1}};
        double[][] output = {{1, 0}, {0, 1}};
        assertEquals(0, SyntheticData.teacher(hidden, output, new double[]{0.5}));
        assertEquals(1, SyntheticData.teacher(hidden, output, new double[]{-0.5}));
    }

    @Test
    void impossibleSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(0, 3, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(1, 3, 1, 0));
        assertEquals(1, new SyntheticData(1, 1, 2, 0).rows(), "the smallest data set: one row, one feature, two classes");
    }
}
