package org.plasma4j.core.testing;

import java.util.List;
import org.plasma4j.core.crypto.KeyPair;

/**
 * The standard anvil / hardhat dev accounts (publicly known keys: never use them on a real chain).
 */
public final class DevKeys {
  public static final KeyPair ACCOUNT_0 =
      KeyPair.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  public static final KeyPair ACCOUNT_1 =
      KeyPair.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  public static final KeyPair ACCOUNT_2 =
      KeyPair.fromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  public static final KeyPair ACCOUNT_3 =
      KeyPair.fromHex("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
  public static final KeyPair ACCOUNT_4 =
      KeyPair.fromHex("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

  private DevKeys() {}

  public static List<KeyPair> all() {
    return List.of(ACCOUNT_0, ACCOUNT_1, ACCOUNT_2, ACCOUNT_3, ACCOUNT_4);
  }
}
