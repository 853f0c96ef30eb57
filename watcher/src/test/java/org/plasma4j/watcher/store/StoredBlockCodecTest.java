package org.plasma4j.watcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

class StoredBlockCodecTest {

  private static final Bytes32 ROOT =
      new Bytes32(Bytes.fromHex("0x" + "ab".repeat(32)).toArray());
  private static final StoredBlock BLOCK = new StoredBlock(
      7000, ROOT, List.of(Bytes.fromHex("0xf8c0"), Bytes.EMPTY, Bytes.fromHex("0x0102030405")));

  private final StoredBlockCodec codec = new StoredBlockCodec();

  @Test
  void aBodyReadsBackAsItWasStoredTransactionByTransaction() {
    byte[] stored = codec.encode(BLOCK);

    assertThat(stored).hasSize(1 + 8 + 32 + 4 + (4 + 2) + 4 + (4 + 5));
    assertThat(codec.decode(stored)).isEqualTo(BLOCK);
  }

  @Test
  void aBodyStoredAsJsonByAnEarlierVersionStillReads() {
    byte[] json = Json.codec(StoredBlock.class).encode(BLOCK);

    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(codec.decode(json)).isEqualTo(BLOCK);
  }

  @Test
  void aCutOrPaddedOrForeignRecordIsAnErrorNotAnotherBody() {
    byte[] stored = codec.encode(BLOCK);

    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(stored, stored.length - 1)))
        .hasMessageContaining("cut at transaction 2");
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(stored, stored.length + 1)))
        .hasMessageContaining("trailing bytes");
    byte[] huge = stored.clone();
    huge[1 + 8 + 32] = 0x7f;
    assertThatThrownBy(() -> codec.decode(huge)).hasMessageContaining("bad count");
    byte[] other = stored.clone();
    other[0] = 2;
    assertThatThrownBy(() -> codec.decode(other)).hasMessageContaining("neither JSON nor version");
  }
}
