package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.PiggybackSpend;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A user's, watcher's or guardian's actions in the in-flight exit game (MoreVP): start an exit,
 * piggyback, and the challenges and the response, each of which pays a bond to its sender and so is
 * sent as a commitment to the framework first and revealed in a later block. Every call waits for
 * its receipt and fails if the transaction reverted; {@link #gasCostWei} sums the gas of all of
 * them.
 */
public final class InFlightExitClient extends GameClient {

  public InFlightExitClient(Web3j web3j, Credentials key, Address inFlightExitGame) {
    super(web3j, key, inFlightExitGame);
  }

  /** A client of the in-flight exit game that {@code framework} has registered. */
  public static InFlightExitClient forFramework(Web3j web3j, Credentials key, Address framework) {
    return new InFlightExitClient(
        web3j, key, GameAddresses.of(web3j, framework).inFlightExitGame());
  }

  private InFlightExitGame ife() {
    return InFlightExitGame.load(game.toHex(), web3j, signer(), gas());
  }

  @Override
  protected String readFramework() throws Exception {
    return ife().framework().send();
  }

  /** Starts the exit with the in-flight exit bond. */
  public TransactionReceipt startInFlightExit(InFlightExitData data) {
    BigInteger bond = inFlightExitBond();
    return calls.send(
        "startInFlightExit",
        () -> ife()
            .startInFlightExit(
                data.txBytes().toArray(),
                arrays(data.inputTxs()),
                uints(data.inputPositions()),
                arrays(data.inputProofs()),
                uints(data.inputTimestamps()),
                arrays(data.signatures()),
                bond)
            .send());
  }

  /**
   * Claims input {@code inputIndex} if the transaction turns out non-canonical (sender = its
   * owner).
   */
  public TransactionReceipt piggybackOnInput(Bytes inFlightTx, int inputIndex) {
    BigInteger bond = piggybackBond();
    return calls.send(
        "piggybackInFlightExitOnInput",
        () -> ife()
            .piggybackInFlightExitOnInput(
                inFlightTx.toArray(), BigInteger.valueOf(inputIndex), bond)
            .send());
  }

  /**
   * Claims output {@code outputIndex} if the transaction turns out canonical (sender = its owner).
   */
  public TransactionReceipt piggybackOnOutput(Bytes inFlightTx, int outputIndex) {
    BigInteger bond = piggybackBond();
    return calls.send(
        "piggybackInFlightExitOnOutput",
        () -> ife()
            .piggybackInFlightExitOnOutput(
                inFlightTx.toArray(), BigInteger.valueOf(outputIndex), bond)
            .send());
  }

  /**
   * Commits to and then shows {@code competitor}: the exit becomes non-canonical, its bond ours.
   */
  public TransactionReceipt challengeNotCanonical(Bytes inFlightTx, Competitor competitor) {
    commit(competitor.commitment(address(), InFlightExitId.of(inFlightTx)));
    return revealNotCanonical(inFlightTx, competitor);
  }

  /** The reveal alone, for callers that committed themselves (a block or more earlier). */
  public TransactionReceipt revealNotCanonical(Bytes inFlightTx, Competitor c) {
    return revealNotCanonical(
        inFlightTx,
        new CompetitorArgs(
            c.inputIndex(),
            c.competingTxBytes(),
            c.competingInputIndex(),
            c.position(),
            c.proof(),
            c.blockTimestamp(),
            c.signature()));
  }

  /**
   * The arguments of {@code challengeInFlightExitNotCanonical} as raw values, for callers (the
   * watcher) that hold only the competing tx's bytes and the one signature that matters.
   */
  public record CompetitorArgs(
      int inputIndex,
      Bytes competingTx,
      int competingInputIndex,
      long competingTxPosition,
      Bytes competingTxProof,
      long competingTxTimestamp,
      Signature competingTxSignature) {}

  public TransactionReceipt revealNotCanonical(Bytes inFlightTx, CompetitorArgs c) {
    return calls.send(
        "challengeInFlightExitNotCanonical",
        () -> ife()
            .challengeInFlightExitNotCanonical(
                inFlightTx.toArray(),
                BigInteger.valueOf(c.inputIndex()),
                c.competingTx().toArray(),
                BigInteger.valueOf(c.competingInputIndex()),
                BigInteger.valueOf(c.competingTxPosition()),
                c.competingTxProof().toArray(),
                BigInteger.valueOf(c.competingTxTimestamp()),
                c.competingTxSignature().value())
            .send());
  }

  /** Commits to and then shows the transaction's inclusion before every competitor shown. */
  public TransactionReceipt respondToNonCanonicalChallenge(Bytes inFlightTx, Inclusion at) {
    commit(ExitGameCommitments.response(address(), InFlightExitId.of(inFlightTx), at.position()));
    return revealResponse(inFlightTx, at);
  }

  public TransactionReceipt revealResponse(Bytes inFlightTx, Inclusion at) {
    return calls.send(
        "respondToNonCanonicalChallenge",
        () -> ife()
            .respondToNonCanonicalChallenge(
                inFlightTx.toArray(),
                BigInteger.valueOf(at.position()),
                at.proof().toArray(),
                BigInteger.valueOf(at.blockTimestamp()))
            .send());
  }

  /** Commits to and then shows a spend of a piggybacked input or output; its bond becomes ours. */
  public TransactionReceipt challengePiggyback(Bytes inFlightTx, PiggybackSpend spend) {
    commit(spend.commitment(address(), InFlightExitId.of(inFlightTx)));
    return revealPiggybackChallenge(inFlightTx, spend);
  }

  public TransactionReceipt revealPiggybackChallenge(Bytes inFlightTx, PiggybackSpend s) {
    if (!s.output()) {
      return revealInputSpent(
          inFlightTx, s.index(), s.spendingTxBytes(), s.spendingInputIndex(), s.signature());
    }
    return revealOutputSpent(
        inFlightTx,
        s.index(),
        s.inFlightInclusion().orElseThrow(),
        s.spendingTxBytes(),
        s.spendingInputIndex(),
        s.signature());
  }

  /** {@code challengeInFlightExitInputSpent} from raw values (commit first). */
  public TransactionReceipt revealInputSpent(
      Bytes inFlightTx, int inputIndex, Bytes spendingTx, int spendingInputIndex, Signature sig) {
    return calls.send(
        "challengeInFlightExitInputSpent",
        () -> ife()
            .challengeInFlightExitInputSpent(
                inFlightTx.toArray(),
                BigInteger.valueOf(inputIndex),
                spendingTx.toArray(),
                BigInteger.valueOf(spendingInputIndex),
                sig.value())
            .send());
  }

  /** {@code challengeInFlightExitOutputSpent} from raw values (commit first). */
  public TransactionReceipt revealOutputSpent(
      Bytes inFlightTx,
      int outputIndex,
      Inclusion inFlightTxAt,
      Bytes spendingTx,
      int spendingInputIndex,
      Signature sig) {
    return calls.send(
        "challengeInFlightExitOutputSpent",
        () -> ife()
            .challengeInFlightExitOutputSpent(
                inFlightTx.toArray(),
                BigInteger.valueOf(outputIndex),
                BigInteger.valueOf(inFlightTxAt.position()),
                inFlightTxAt.proof().toArray(),
                BigInteger.valueOf(inFlightTxAt.blockTimestamp()),
                spendingTx.toArray(),
                BigInteger.valueOf(spendingInputIndex),
                sig.value())
            .send());
  }

  /**
   * The game's record of exit {@code ifeId}; {@link InFlightExitState#exists} is false for none.
   */
  public InFlightExitState inFlightExit(BigInteger ifeId) {
    var t = L1Calls.read(() -> ife().inFlightExits(ifeId).send());
    return new InFlightExitState(
        Address.fromHex(t.component1()),
        Address.fromHex(t.component2()),
        t.component3().longValueExact(),
        t.component4().longValueExact(),
        t.component5().longValueExact(),
        t.component6(),
        t.component7(),
        t.component8().intValueExact(),
        t.component9().intValueExact(),
        t.component10());
  }

  public BigInteger inFlightExitBond() {
    return L1Calls.read(() -> ife().inFlightExitBond().send());
  }

  public BigInteger piggybackBond() {
    return L1Calls.read(() -> ife().piggybackBond().send());
  }

  public BigInteger processBounty() {
    return L1Calls.read(() -> ife().processBounty().send());
  }

  private static List<byte[]> arrays(List<Bytes> values) {
    return values.stream().map(Bytes::toArray).toList();
  }

  private static List<BigInteger> uints(List<Long> values) {
    return values.stream().map(BigInteger::valueOf).toList();
  }
}
