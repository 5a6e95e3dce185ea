package io.chatkit.bench;

import java.util.ArrayList;
import java.util.List;

/** A result table, printed as Markdown so it can go into the README as is. */
final class ResultTable {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ResultTable(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    ResultTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    ResultTable note(String note) {
        notes.add(note);
        return this;
    }

    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n| ")
                .append(String.join(" | ", headers)).append(" |\n|");
        headers.forEach(h -> out.append("---|"));
        out.append('\n');
        rows.forEach(row -> out.append("| ").append(String.join(" | ", row)).append(" |\n"));
        notes.forEach(note -> out.append('\n').append(note).append('\n'));
        return out.toString();
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String ratio(double value) {
        return String.format("%.1f×", value);
    }

    static String perSecond(double value) {
        return value >= 100 ? String.format("%,.0f/s", value) : String.format("%.1f/s", value);
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
