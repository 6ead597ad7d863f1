package io.exchangebus.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: columns of text aligned left, and columns of decimals aligned on the decimal
 * point (whole digits right-aligned, fractions left-aligned), so that prices of different precision line up.
 * Columns are separated by two spaces, or by a given separator; trailing spaces are trimmed.
 */
final class TextTable {
    enum Align { LEFT, DECIMAL }

    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<String> separators = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column, separated from the one before by two spaces. */
    TextTable column(String header, Align align) {
        return column(header, align, "  ");
    }

    /** Adds a column, separated from the one before by {@code separator}. */
    TextTable column(String header, Align align, String separator) {
        headers.add(header);
        aligns.add(align);
        separators.add(separator);
        return this;
    }

    /** Adds a row; a null cell is blank. */
    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c).toList());
        return this;
    }

    /** The table, header line first, one line per row, each ending in a newline. */
    String render() {
        int n = headers.size();
        int[] whole = new int[n];
        int[] fraction = new int[n];
        int[] width = new int[n];
        for (List<String> row : rows) {
            for (int c = 0; c < n; c++) {
                String cell = row.get(c);
                if (aligns.get(c) == Align.DECIMAL && !cell.isEmpty()) {
                    int dot = cell.indexOf('.');
                    whole[c] = Math.max(whole[c], dot < 0 ? cell.length() : dot);
                    fraction[c] = Math.max(fraction[c], dot < 0 ? 0 : cell.length() - dot);
                }
                width[c] = Math.max(width[c], cell.length());
            }
        }
        for (int c = 0; c < n; c++) {
            if (aligns.get(c) == Align.DECIMAL) {
                width[c] = whole[c] + fraction[c];
            }
            width[c] = Math.max(width[c], headers.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width, whole, fraction, true);
        for (List<String> row : rows) {
            line(out, row, width, whole, fraction, false);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width, int[] whole, int[] fraction,
                      boolean header) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(separators.get(c));
            }
            String cell = cells.get(c);
            if (aligns.get(c) == Align.LEFT || cell.isEmpty()) {
                line.append(pad(cell, width[c]));
            } else if (header) {
                line.append(" ".repeat(width[c] - cell.length())).append(cell);
            } else {
                int dot = cell.indexOf('.');
                int wholeDigits = dot < 0 ? cell.length() : dot;
                int lead = width[c] - (whole[c] + fraction[c]) + whole[c] - wholeDigits;
                line.append(pad(" ".repeat(lead) + cell, width[c]));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
