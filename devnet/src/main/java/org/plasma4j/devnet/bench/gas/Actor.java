package org.plasma4j.devnet.bench.gas;

import java.nio.charset.StandardCharsets;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.devtools.DevAccounts;
import org.web3j.crypto.Credentials;

/**
 * Someone who sends root-chain transactions in the benchmark: a dev account or a derived throw-away
 * one.
 */
record Actor(String name, KeyPair keys) {

  static Actor dev(String name, int account) {
    return new Actor(name, KeyPair.fromHex(DevAccounts.privateKey(account)));
  }

  /**
   * A fresh account derived from {@code label} and {@code index}, the same in every run (fund it
   * first).
   */
  static Actor derived(String label, int index) {
    byte[] seed = Keccak256.hash((label + "/" + index).getBytes(StandardCharsets.UTF_8));
    return new Actor(label + index, KeyPair.of(new PrivateKey(seed)));
  }

  Address address() {
    return keys.address();
  }

  Credentials credentials() {
    return Credentials.create(Hex.encode(keys.privateKey().value()));
  }
}
