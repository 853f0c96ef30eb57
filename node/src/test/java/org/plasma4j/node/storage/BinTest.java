package org.plasma4j.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinTest {

  @Test
  void aBlobReadsBackWithWhatFollowsIt() {
    byte[] record = new Bin.Writer(16).blob(new byte[] {1, 2, 3}).u8(9).toBytes();

    Bin.Reader r = new Bin.Reader(record);
    assertThat(r.blob()).containsExactly(1, 2, 3);
    assertThat(r.remaining()).isEqualTo(1);
    assertThat(r.u8()).isEqualTo(9);
    assertThat(r.hasMore()).isFalse();
  }

  @Test
  void aLengthPastTheEndOfADamagedRecordIsRefusedBeforeItIsAllocated() {
    byte[] huge = new Bin.Writer().i32(Integer.MAX_VALUE).u8(1).toBytes();
    byte[] negative = new Bin.Writer().i32(-1).toBytes();

    assertThatThrownBy(() -> new Bin.Reader(huge).blob())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a field of 2147483647 bytes where 1 remain");
    assertThatThrownBy(() -> new Bin.Reader(negative).blob())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a field of -1 bytes where 0 remain");
  }
}
