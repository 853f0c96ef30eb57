package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void aRootChainTimeReadsAsADateWithTheTimeLeft() {
    assertThat(Times.at(1_796_467_745L, 1_796_467_745L - 3_725))
        .isEqualTo("2026-12-05 10:49:05 UTC (in 1h 2m)");
    assertThat(Times.at(1_796_467_745L, 1_796_467_745L)).endsWith("(now)");
    assertThat(Times.at(1_796_467_745L, 1_796_467_750L)).endsWith("(5s ago)");
  }

  @Test
  void spansKeepTheirTwoLargestUnits() {
    assertThat(Times.span(2 * 86_400 + 3 * 3_600 + 59)).isEqualTo("2d 3h");
    assertThat(Times.span(245)).isEqualTo("4m 5s");
    assertThat(Times.relative(-90)).isEqualTo("1m 30s ago");
  }

  @Test
  void tableColumnsNeverRunTogether() {
    String table = Table.render(
        List.of("token", "L2 (child chain)", "L1 (root chain)"),
        List.of(
            List.of("ETH", "1.5", "9999.123456789012345678"),
            List.of("0x" + "ab".repeat(20), "100000000000000000000000", "0")));
    List<String> lines = table.lines().toList();
    assertThat(lines)
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).hasSize(lines.get(0).length()));
    assertThat(lines.get(2).split("\\s{2,}"))
        .containsExactly("0x" + "ab".repeat(20), "100000000000000000000000", "0");
    assertThat(lines.get(1)).startsWith("ETH ").endsWith(" 9999.123456789012345678");
  }
}
