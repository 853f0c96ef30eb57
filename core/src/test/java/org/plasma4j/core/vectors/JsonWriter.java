package org.plasma4j.core.vectors;

import java.util.List;
import java.util.Map;

/**
 * A tiny deterministic JSON printer (2-space indent, keys in insertion order) so the committed
 * vectors file is byte-for-byte reproducible without a JSON library. Values: String, Number, List,
 * Map.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  static String write(Object value) {
    JsonWriter w = new JsonWriter();
    w.value(value, 0);
    return w.out.append('\n').toString();
  }

  private void value(Object v, int indent) {
    if (v instanceof String s) {
      out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (v instanceof Number n) {
      out.append(n);
    } else if (v instanceof Map<?, ?> m) {
      object(m, indent);
    } else if (v instanceof List<?> l) {
      array(l, indent);
    } else {
      throw new IllegalArgumentException("unsupported JSON value: " + v);
    }
  }

  private void object(Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      pad(indent + 1).append('"').append(e.getKey()).append("\": ");
      value(e.getValue(), indent + 1);
      out.append(++i < m.size() ? ",\n" : "\n");
    }
    pad(indent).append('}');
  }

  private void array(List<?> l, int indent) {
    if (l.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      pad(indent + 1);
      value(l.get(i), indent + 1);
      out.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    pad(indent).append(']');
  }

  private StringBuilder pad(int indent) {
    return out.append("  ".repeat(indent));
  }
}
