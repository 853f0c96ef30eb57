package org.plasma4j.devnet.bench.gas;

/** Keys of the figures that budgets and tests refer to. */
public final class GasIds {

  public static final String DEPOSIT_ETH = "depositEth";
  public static final String SUBMIT_BLOCK = "submitBlock";
  public static final String START_STANDARD_EXIT = "startStandardExit";
  public static final String COMMIT_CHALLENGE = "commitChallenge";
  public static final String CHALLENGE_STANDARD_EXIT = "challengeStandardExit";
  public static final String PROCESS_EXITS_10 = "processExits.standard10";
  public static final String START_STANDARD_EXIT_16 = "startStandardExit.block16";
  public static final String MASS_EXIT_CHILD_100_RATIO_RUN = "startMassExit.child100.sameRun";
  public static final String PROCESS_EXITS_MASS_100 = "processExits.mass100";
  public static final String WITHDRAW_MASS_EXIT_100 = "withdrawMassExit.100";

  private GasIds() {}
}
