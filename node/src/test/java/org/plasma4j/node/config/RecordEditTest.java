package org.plasma4j.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecordEditTest {

  public record Pair(String name, int count, List<String> tags) {
    public Pair {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative");
      }
      tags = List.copyOf(tags);
    }

    Pair with(Consumer<Values> change) {
      return RecordEdit.with(this, new Values(), change);
    }

    public static final class Values {
      public String name;
      public int count;
      public List<String> tags;
    }
  }

  /** Lacks {@code tags}. */
  public static final class Short {
    public String name;
    public int count;
  }

  /** Has {@code count} as a long. */
  public static final class Mistyped {
    public String name;
    public long count;
    public List<String> tags;
  }

  /** Has a field no component fills. */
  public static final class Longer {
    public String name;
    public int count;
    public List<String> tags;
    public int extra;
  }

  private static final Pair PAIR = new Pair("a", 1, List.of("x"));

  @Test
  void aChangeSetsOnlyWhatItIsToldAndKeepsTheRest() {
    assertThat(PAIR.with(c -> {})).isEqualTo(PAIR);
    assertThat(PAIR.with(c -> c.count = 7)).isEqualTo(new Pair("a", 7, List.of("x")));
    assertThat(PAIR.with(c -> {
          c.name = "b";
          c.tags = List.of();
        }))
        .isEqualTo(new Pair("b", 1, List.of()));
  }

  @Test
  void theResultIsCheckedAndNormalisedByTheRecordsOwnConstructor() {
    assertThatThrownBy(() -> PAIR.with(c -> c.count = -1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must not be negative");
    assertThatThrownBy(() -> PAIR.with(c -> c.tags = null))
        .isExactlyInstanceOf(NullPointerException.class);

    List<String> mutable = new java.util.ArrayList<>(List.of("y"));
    Pair copied = PAIR.with(c -> c.tags = mutable);
    mutable.add("z");
    assertThat(copied.tags()).containsExactly("y");
  }

  @Test
  void valuesThatDoNotMatchTheComponentsAreRefusedByName() {
    assertThatThrownBy(() -> RecordEdit.with(PAIR, new Short(), c -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 public fields for 3 components");
    assertThatThrownBy(() -> RecordEdit.with(PAIR, new Mistyped(), c -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("count is not a settable int");
    assertThatThrownBy(() -> RecordEdit.with(PAIR, new Longer(), c -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("4 public fields for 3 components");
  }
}
