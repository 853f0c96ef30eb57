package org.plasma4j.guardian;

import java.math.BigInteger;
import java.time.Duration;
import java.util.function.Consumer;
import org.plasma4j.node.config.RecordEdit;

/**
 * The guardian's rules.
 *
 * @param minExitPeriodSeconds the framework's MEP; period 1 of an in-flight exit is its first half
 * @param inclusionTimeout how long a sent transaction may stay out of a valid block before the
 *     guardian treats the operator as gone
 * @param massExitThreshold an owner with at least this many outputs of one token exits them in one
 *     mass exit (cheaper per output) instead of one standard exit each
 * @param maxAttempts failed attempts after which an action is given up (and reported)
 * @param processRetrySeconds root-chain seconds between two processExits calls for one token
 * @param processMaxExits the {@code max} of each processExits call
 * @param maxProcessAttempts processExits calls per token, none of which processed one of the
 *     guardian's own exits, after which it stops paying for them and says so (each is sent only
 *     when the queue's head has matured, so they are not wasted on an empty or young queue); once
 *     one of its exits in that token is processed, by anyone, the count starts over
 * @param confirmations root-chain blocks a mined action needs (its own included) before it counts
 *     as done; until then a reorg that drops it makes the guardian send it again
 * @param toleratedLoss the most an unchallenged theft may cost these keys in one token (in its base
 *     units) and only inform: below it, leaving would cost more than staying (0: any loss raises
 *     the alarm)
 */
public record GuardianConfig(
    long minExitPeriodSeconds,
    Duration inclusionTimeout,
    int massExitThreshold,
    int maxAttempts,
    long processRetrySeconds,
    int processMaxExits,
    int maxProcessAttempts,
    int confirmations,
    BigInteger toleratedLoss) {

  /**
   * From 3 outputs on a mass exit costs less in all (start, process, withdraw) than standard exits:
   * its fixed part is about 200k gas, then about 45k per output plus 37.5k each to pay out, against
   * about 190k per standard exit plus its processing (docs/benchmarks.md).
   */
  public static final int DEFAULT_MASS_EXIT_THRESHOLD = 3;

  /** At most this many outputs per mass exit (the game's limit). */
  public static final int MAX_MASS_EXIT_BATCH = 256;

  public GuardianConfig {
    if (minExitPeriodSeconds <= 0
        || inclusionTimeout.isNegative()
        || massExitThreshold < 2
        || maxAttempts < 1
        || processRetrySeconds < 0
        || processMaxExits < 1
        || maxProcessAttempts < 1
        || confirmations < 0
        || toleratedLoss == null
        || toleratedLoss.signum() < 0) {
      throw new IllegalArgumentException("invalid guardian config: " + this);
    }
  }

  /**
   * One confirmation: done once mined. A guardian on a chain that reorgs sets its depth
   * ({@link #withConfirmations}).
   */
  public static GuardianConfig defaults(long minExitPeriodSeconds) {
    return new GuardianConfig(
        minExitPeriodSeconds,
        Duration.ofMinutes(5),
        DEFAULT_MASS_EXIT_THRESHOLD,
        3,
        60,
        50,
        100,
        1,
        BigInteger.ZERO);
  }

  public GuardianConfig withInclusionTimeout(Duration timeout) {
    return with(c -> c.inclusionTimeout = timeout);
  }

  public GuardianConfig withMassExitThreshold(int threshold) {
    return with(c -> c.massExitThreshold = threshold);
  }

  public GuardianConfig withConfirmations(int depth) {
    return with(c -> c.confirmations = depth);
  }

  public GuardianConfig withMaxProcessAttempts(int max) {
    return with(c -> c.maxProcessAttempts = max);
  }

  /**
   * Whether an action mined in {@code minedBlock} is deep enough under {@code headBlock} to count
   * as done.
   */
  public boolean confirmed(long minedBlock, long headBlock) {
    return minedBlock > 0 && headBlock - minedBlock + 1 >= confirmations;
  }

  public GuardianConfig withToleratedLoss(BigInteger loss) {
    return with(c -> c.toleratedLoss = loss);
  }

  /**
   * This config with the values {@code change} sets on a copy of it ({@code c -> c.maxAttempts =
   * 5}), checked as the constructor checks them.
   */
  public GuardianConfig with(Consumer<Values> change) {
    return RecordEdit.with(this, new Values(), change);
  }

  /** The values of a {@link GuardianConfig} while they are being changed; see {@link #with}. */
  public static final class Values {
    public long minExitPeriodSeconds;
    public Duration inclusionTimeout;
    public int massExitThreshold;
    public int maxAttempts;
    public long processRetrySeconds;
    public int processMaxExits;
    public int maxProcessAttempts;
    public int confirmations;
    public BigInteger toleratedLoss;

    private Values() {}
  }
}
