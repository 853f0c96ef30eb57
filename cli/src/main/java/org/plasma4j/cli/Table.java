package org.plasma4j.cli;

import java.util.List;

/**
 * A text table: the first column left-aligned, the others right-aligned, two spaces between
 * columns.
 */
final class Table {

  private Table() {}

  static String render(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder(line(header, width));
    rows.forEach(row -> out.append('\n').append(line(row, width)));
    return out.toString();
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      line.append(c == 0 ? "" : "  ").append(c == 0 ? cell + pad : pad + cell);
    }
    return line.toString().stripTrailing();
  }
}
