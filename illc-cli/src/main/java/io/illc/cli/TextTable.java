package io.illc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns padded to their widest cell and two spaces apart; the last column
 * is not padded, so long descriptions do not leave trailing blanks. Rows are copied in.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row of exactly as many cells as the header. */
    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Prints the header and the rows, each line starting with {@code indent}. */
    void print(PrintWriter out, String indent) {
        int[] widths = new int[header.size()];
        for (List<String> r : allRows()) {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], width(r.get(c)));
            }
        }
        for (List<String> r : allRows()) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < r.size(); c++) {
                boolean last = c == r.size() - 1;
                String cell = r.get(c);
                line.append(cell);
                if (!last) {
                    line.append(" ".repeat(widths[c] - width(cell) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * Columns a cell takes on a terminal: its code points less combining marks (the hat of
     * "π̂" sits on the π). East Asian wide characters are not handled; plugin texts are Western.
     */
    static int width(String cell) {
        return (int) cell.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).count();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
