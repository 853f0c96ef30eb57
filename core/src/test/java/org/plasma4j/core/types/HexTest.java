package org.plasma4j.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void decodesEitherCaseWithOrWithoutThePrefix() {
    Random random = new Random(3);
    for (int length = 0; length < 100; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String digits = HexFormat.of().formatHex(bytes);
      assertThat(Hex.decode(digits)).isEqualTo(bytes);
      assertThat(Hex.decode("0X" + digits.toUpperCase())).isEqualTo(bytes);
      assertThat(Hex.decode(Hex.encode(bytes))).isEqualTo(bytes);
    }
  }

  /** Character.digit would read another script's digits or fullwidth letters as hex. */
  @Test
  void onlyAsciiHexDigitsAreDigits() {
    for (String bad : new String[] {"0x\u0663\u0663", "0x\uff41\uff41", "0xgg", "0x0 ", "0x-1"}) {
      assertThatThrownBy(() -> Hex.decode(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a hex digit in ");
    }
    assertThatThrownBy(() -> Hex.decode("0xabc")).hasMessage("odd-length hex string");
    assertThat(Hex.digits("0x\u0663\u0663", 2)).isNull();
  }
}
