package org.plasma4j.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;

/**
 * Seeded mutation fuzzing: the decoder never throws, and whatever it accepts re-encodes to exactly
 * the input bytes (one encoding per transaction, so one hash).
 */
class DecoderFuzzTest {
  @Test
  void mutatedInputsAreRejectedOrCanonical() {
    byte[] seed = TxBuilder.payment()
        .input(1000, 1, 2, DevKeys.ACCOUNT_0)
        .input(1, 0, 0, DevKeys.ACCOUNT_1)
        .output(DevKeys.ACCOUNT_2, Fixtures.ETH, 127)
        .output(DevKeys.ACCOUNT_3, Fixtures.TOKEN, 1 << 20)
        .sign()
        .encode();
    Random random = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] m = seed.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(10) == 0) {
        m = java.util.Arrays.copyOf(m, random.nextInt(m.length + 4));
      }
      TxResult<SignedTransaction> r = TransactionDecoder.decodeSigned(m);
      if (r.isOk()) {
        accepted++;
        assertThat(r.value().encode()).isEqualTo(m);
        assertThat(TransactionDecoder.decodeTransaction(r.value().txBytes()).orElseThrow())
            .isEqualTo(r.value().tx());
      } else {
        assertThat(r.detail()).isNotBlank();
      }
    }
    assertThat(accepted).isPositive(); // mutations inside signatures and addresses stay decodable
  }
}
