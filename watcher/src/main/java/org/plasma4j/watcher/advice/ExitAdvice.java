package org.plasma4j.watcher.advice;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * What one owner should exit and how, as far as this watcher knows.
 *
 * @param firstBadBlock the first invalid or withheld child block (0 if none): outputs from it on
 *     are not offered as standard exits
 * @param standardExits startStandardExit arguments for each unspent output in a valid block before
 *     it
 * @param inFlightExits in-flight exits on the root chain where this owner can still piggyback
 */
public record ExitAdvice(
    Address owner,
    long firstBadBlock,
    List<StandardExit> standardExits,
    List<Piggyback> inFlightExits) {

  /**
   * startStandardExit(position, txBytes, proof, blockTimestamp) for an output of {@code amount}
   * {@code token}.
   */
  public record StandardExit(
      long position,
      Bytes txBytes,
      Bytes proof,
      long blockTimestamp,
      Address token,
      BigInteger amount) {}

  /**
   * piggybackInFlightExitOnInput/OnOutput opportunities of one in-flight exit. {@code canonical} is
   * the watcher's verdict: if true the outputs will be paid, otherwise the inputs. {@code inputs}
   * and {@code outputs} hold only the indices no known spend or other exit would let anyone
   * challenge: an input another transaction spends, or an output of the included transaction that
   * is spent, is left out, so a bond is never posted on what its owner already spent.
   */
  public record Piggyback(
      BigInteger ifeId,
      Bytes32 txHash,
      Bytes txBytes,
      boolean canonical,
      List<Integer> inputs,
      List<Integer> outputs) {}
}
