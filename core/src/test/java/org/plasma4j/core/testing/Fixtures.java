package org.plasma4j.core.testing;

import java.math.BigInteger;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;

/** Shared constants for tests across modules: the anvil chain and first deployments. */
public final class Fixtures {
  public static final long CHAIN_ID = 31337;
  /** The first contract anvil deploys from account 0: the PlasmaFramework in local runs. */
  public static final Address FRAMEWORK =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");

  public static final Domain DOMAIN = new Domain(CHAIN_ID, FRAMEWORK);
  /** The second anvil deployment address, used as an ERC20 token in tests. */
  public static final Address TOKEN = Address.fromHex("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
  /** The third anvil deployment address, a second ERC20. */
  public static final Address TOKEN_2 =
      Address.fromHex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");

  public static final Address ETH = Address.ETH;
  public static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);
  public static final BigInteger TWO_POW_255 = BigInteger.ONE.shiftLeft(255);

  private Fixtures() {}
}
