package org.plasma4j.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.InMemoryUtxoView;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * Single-thread cost of decode + recover + validate per 1-input transaction. Run with
 * {@code -Dplasma.perf=true}; skipped otherwise so normal builds stay fast.
 */
class ThroughputProbe {
  @Test
  void decodeRecoverValidate() {
    Assumptions.assumeTrue(Boolean.getBoolean("plasma.perf"));
    int n = 20_000;
    InMemoryUtxoView utxos = new InMemoryUtxoView();
    List<byte[]> wire = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      OutputPosition p = OutputPosition.of(1000, i, 0);
      utxos.unspent(p, Output.of(DevKeys.ACCOUNT_0.address(), ETH, 100));
      wire.add(TxBuilder.payment()
          .input(p, DevKeys.ACCOUNT_0)
          .output(DevKeys.ACCOUNT_1, ETH, 90)
          .sign()
          .encode());
    }
    FeeSchedule fees = FeeSchedule.of(ETH, BigInteger.TEN);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      int ok = 0;
      for (byte[] bytes : wire) {
        SignedTransaction stx = TransactionDecoder.decodeSigned(bytes).orElseThrow();
        List<Address> signers = SignatureCheck.recoverSigners(stx).orElseThrow();
        if (TransactionValidator.validate(stx, signers, utxos, fees, DOMAIN).isValid()) {
          ok++;
        }
      }
      long ns = System.nanoTime() - t0;
      assertThat(ok).isEqualTo(n);
      System.out.printf(
          "round %d: %.1f us/tx, %.0f tx/s on one thread%n", round, ns / 1e3 / n, n * 1e9 / ns);
    }
  }
}
