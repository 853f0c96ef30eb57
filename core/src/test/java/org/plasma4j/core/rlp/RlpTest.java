package org.plasma4j.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plasma4j.core.types.Hex;

class RlpTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0x80",
    "1, 0x01",
    "127, 0x7f",
    "128, 0x8180",
    "255, 0x81ff",
    "256, 0x820100",
    "1024, 0x820400",
    "1000000000, 0x843b9aca00"
  })
  void encodesUintsCanonically(long v, String hex) {
    assertThat(Hex.encode(Rlp.encodeUint(v))).isEqualTo(hex);
    assertThat(Hex.encode(Rlp.encodeUint(BigInteger.valueOf(v)))).isEqualTo(hex);
    assertThat(RlpReader.of(Hex.decode(hex)).readLong()).isEqualTo(v);
  }

  @Test
  void encodesStringsAndListsOfEveryLengthClass() {
    assertThat(Hex.encode(Rlp.encodeBytes(new byte[0]))).isEqualTo("0x80");
    assertThat(Hex.encode(Rlp.encodeBytes("dog".getBytes()))).isEqualTo("0x83646f67");
    assertThat(Hex.encode(
            Rlp.encodeList(Rlp.encodeBytes("cat".getBytes()), Rlp.encodeBytes("dog".getBytes()))))
        .isEqualTo("0xc88363617483646f67");
    assertThat(Hex.encode(Rlp.encodeList())).isEqualTo("0xc0");
    byte[] s56 = new byte[56];
    assertThat(Hex.encode(Rlp.encodeBytes(s56))).startsWith("0xb838");
    byte[] s1024 = new byte[1024];
    assertThat(Hex.encode(Rlp.encodeBytes(s1024))).startsWith("0xb90400");
    byte[] list = Rlp.encodeList(Rlp.encodeBytes(s56));
    assertThat(Hex.encode(list)).startsWith("0xf83a");
  }

  @Test
  void roundTripsNestedStructures() {
    byte[] enc = Rlp.encodeList(
        Rlp.encodeUint(1),
        Rlp.encodeList(Rlp.encodeUint(70000)),
        Rlp.encodeBytes(new byte[60]),
        Rlp.encodeUint(BigInteger.ONE.shiftLeft(255)));
    Rlp.validate(enc);
    RlpReader r = RlpReader.of(enc).readList();
    assertThat(r.remainingItems()).isEqualTo(4);
    assertThat(r.readLong()).isEqualTo(1);
    RlpReader inner = r.readList();
    assertThat(inner.readLong()).isEqualTo(70000);
    inner.expectEnd();
    assertThat(r.readBytes(60)).hasSize(60);
    assertThat(r.readUint256()).isEqualTo(BigInteger.ONE.shiftLeft(255));
    r.expectEnd();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "0x, empty input",
    "0x8100, single byte below 0x80 wrapped",
    "0x817f, single byte below 0x80 wrapped (0x7f)",
    "0xb80100, long form for a short string",
    "0xb700, long form with zero length-of-length byte",
    "0xb9003800, length with leading zero",
    "0x83646f, truncated string",
    "0xc3010203ff, trailing bytes",
    "0xc1, truncated list",
    "0xc2c3, child runs past its list",
    "0xf800, long list form for a short list",
    "0xbd0000000000, length of length above 4",
    "0xb8, truncated length",
    "0x0102, two top-level items"
  })
  void rejectsNonCanonicalInput(String hex, String why) {
    assertThatThrownBy(() -> Rlp.validate(Hex.decode(hex)))
        .as(why)
        .isInstanceOf(RlpException.class);
  }

  @Test
  void rejectsNestingAbuse() {
    byte[] deep = new byte[] {(byte) 0xc0};
    for (int i = 0; i < Rlp.MAX_DEPTH + 1; i++) {
      deep = Rlp.encodeList(deep);
    }
    byte[] tooDeep = deep;
    assertThatThrownBy(() -> Rlp.validate(tooDeep))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void rejectsUintsWithLeadingZerosOrTooLarge() {
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x820001")).readLong())
        .isInstanceOf(RlpException.class);
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x00")).readLong())
        .isInstanceOf(RlpException.class);
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x88ffffffffffffffff")).readLong())
        .isInstanceOf(RlpShapeException.class);
    byte[] big = Rlp.encodeBytes(new byte[33]);
    big[1] = 1;
    assertThatThrownBy(() -> RlpReader.of(big).readUint256()).isInstanceOf(RlpShapeException.class);
  }

  @Test
  void reportsShapeMismatches() {
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x80")).readList())
        .isInstanceOf(RlpShapeException.class);
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0xc0")).readBytes())
        .isInstanceOf(RlpShapeException.class);
    assertThatThrownBy(() -> RlpReader.of(Hex.decode("0x83646f67")).readBytes(2))
        .isInstanceOf(RlpShapeException.class);
  }
}
