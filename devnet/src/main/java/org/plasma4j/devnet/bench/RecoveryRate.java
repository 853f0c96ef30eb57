package org.plasma4j.devnet.bench;

import java.util.Random;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;

/**
 * The yardstick: secp256k1 signature recoveries per second on one thread, with core's Secp256k1.
 */
public final class RecoveryRate {

  private RecoveryRate() {}

  /**
   * Recovers {@code count} distinct signatures (after a warm-up) and returns recoveries per second.
   */
  public static double measure(int count, long seed) {
    Random random = new Random(seed);
    int distinct = Math.min(count, 1024);
    byte[][] digests = new byte[distinct][32];
    Signature[] signatures = new Signature[distinct];
    PrivateKey key = BenchKeys.generate(random, 1).get(0).privateKey();
    for (int i = 0; i < distinct; i++) {
      random.nextBytes(digests[i]);
      signatures[i] = Secp256k1.sign(key, digests[i]);
    }
    int warmUp = Math.max(1000, count / 4);
    int failures = run(digests, signatures, warmUp);
    long start = System.nanoTime();
    failures += run(digests, signatures, count);
    long elapsed = System.nanoTime() - start;
    if (failures > 0) {
      throw new IllegalStateException(failures + " recoveries failed");
    }
    return count / (elapsed / 1e9);
  }

  private static int run(byte[][] digests, Signature[] signatures, int count) {
    int failures = 0;
    for (int i = 0; i < count; i++) {
      int k = i % digests.length;
      if (Secp256k1.recover(digests[k], signatures[k]).isEmpty()) {
        failures++;
      }
    }
    return failures;
  }
}
