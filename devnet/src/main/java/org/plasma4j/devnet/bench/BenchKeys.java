package org.plasma4j.devnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.PrivateKey;

/** Deterministic throw-away accounts for the benchmark. */
final class BenchKeys {

  private BenchKeys() {}

  static List<KeyPair> generate(Random random, int count) {
    List<KeyPair> keys = new ArrayList<>(count);
    byte[] raw = new byte[32];
    while (keys.size() < count) {
      random.nextBytes(raw);
      try {
        keys.add(KeyPair.of(new PrivateKey(raw)));
      } catch (IllegalArgumentException outOfRange) {
        // zero or >= n: draw again
      }
    }
    return keys;
  }
}
