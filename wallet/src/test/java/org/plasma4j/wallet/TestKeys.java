package org.plasma4j.wallet;

import org.plasma4j.core.types.Address;

/** Anvil's well-known development keys, for tests only. */
public final class TestKeys {
  public static final String ALICE_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
  public static final Address ALICE = Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  public static final Address BOB = Address.fromHex("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
  public static final String ETH = "0x0000000000000000000000000000000000000000";
  public static final Address TOKEN = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  public static final Address FRAMEWORK =
      Address.fromHex("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");

  private TestKeys() {}
}
