package org.plasma4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void decodesWhatTheJdksParserDecodesInEitherCase() {
    Random random = new Random(5);
    for (int length = 0; length < 300; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String lower = HexFormat.of().formatHex(bytes);
      assertThat(Hex.decode("0x" + lower, -1, "t")).isEqualTo(bytes);
      assertThat(Hex.decode("0x" + lower.toUpperCase(), length, "t")).isEqualTo(bytes);
      assertThat(Hex.decode(Hex.encode(bytes), length, "t")).isEqualTo(bytes);
    }
  }

  @Test
  void everyCharThatIsNotAHexDigitIsRefusedByNameWherever() {
    String valid = "0x00112233445566778899aabbccddeeffAABBCCDDEEFF";
    for (int at = 2; at < valid.length(); at++) {
      for (char c :
          new char[] {'g', 'G', 'x', ' ', '-', '/', ':', '@', '`', 0, 127, 128, 'ａ', '٣', 'ğ'}) {
        String bad = valid.substring(0, at) + c + valid.substring(at + 1);
        assertThatThrownBy(() -> Hex.decode(bad, -1, "transaction 7"))
            .isInstanceOf(RpcException.class)
            .hasMessage("transaction 7 is not valid hex");
      }
    }
  }

  @Test
  void theFormIsCheckedBeforeTheDigitsAndTheLengthAfter() {
    assertThat(Hex.decode("0x", -1, "t")).isEmpty();
    assertThatThrownBy(() -> Hex.decode("0xabc", -1, "t"))
        .hasMessage("t must be 0x-prefixed hex with an even number of digits");
    assertThatThrownBy(() -> Hex.decode("abcd", -1, "t"))
        .hasMessage("t must be 0x-prefixed hex with an even number of digits");
    assertThatThrownBy(() -> Hex.decode("0Xabcd", -1, "t"))
        .hasMessage("t must be 0x-prefixed hex with an even number of digits");
    assertThatThrownBy(() -> Hex.decode("0xabcd", 3, "t")).hasMessage("t must be 3 bytes, got 2");
  }
}
