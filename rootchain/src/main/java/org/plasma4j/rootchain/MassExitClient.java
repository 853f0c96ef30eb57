package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Actions in the mass exit game: start one exit for many outputs of one token, challenge one spent
 * output of a batch (commit, then reveal), and pay a processed batch's outputs. Every call waits
 * for its receipt and fails if the transaction reverted; {@link #gasCostWei} sums their gas.
 */
public final class MassExitClient extends GameClient {

  /**
   * A started batch: its id and the leaves that later calls must repeat (the game keeps a hash).
   */
  public record Started(
      TransactionReceipt receipt, BigInteger batchId, List<MassExitLeaf> leaves) {}

  /**
   * The game's record of a batch; {@code state} as the game numbers it (0 none, 1 pending, ...).
   * {@code remaining} is the unchallenged leaves' sum while pending and the batch's escrow once
   * processed.
   */
  public record MassExitState(
      Address initiator,
      Address token,
      int count,
      BigInteger remaining,
      long exitableAt,
      BigInteger challengedBitmap,
      int state) {

    public boolean isChallenged(int leafIndex) {
      return challengedBitmap.testBit(leafIndex);
    }
  }

  public MassExitClient(Web3j web3j, Credentials key, Address massExitGame) {
    super(web3j, key, massExitGame);
  }

  /** A client of the mass exit game that {@code framework} has registered. */
  public static MassExitClient forFramework(Web3j web3j, Credentials key, Address framework) {
    return new MassExitClient(web3j, key, GameAddresses.of(web3j, framework).massExitGame());
  }

  private MassExitGame mass() {
    return MassExitGame.load(game.toHex(), web3j, signer(), gas());
  }

  @Override
  protected String readFramework() throws Exception {
    return mass().framework().send();
  }

  /** The calldata items of {@code batch}, in its order. */
  public static List<MassExitGame.MassExitItem> items(MassExitBatch batch) {
    return batch.items().stream()
        .map(i -> new MassExitGame.MassExitItem(
            i.position().toBigInteger(),
            i.txBytes().toArray(),
            i.proof().encode().toArray(),
            BigInteger.valueOf(i.blockTimestamp()),
            BigInteger.valueOf(i.consentDeadline()),
            BigInteger.valueOf(i.consentMaxBlock()),
            i.signature().toArray()))
        .toList();
  }

  /**
   * The root and timestamp of a child block, as its {@code BlockSubmitted} event published them.
   */
  public record BlockHeader(Bytes32 root, long timestamp) {
    /**
     * What a batch passes when no child block past its consents' bound exists (or it has no
     * consent).
     */
    public static final BlockHeader NONE = new BlockHeader(Bytes32.ZERO, 0);
  }

  /**
   * Starts one exit for every output of {@code batch}, one bond each (built by
   * {@link MassExitBatch#of}). A batch with consents passes the header of the first child block
   * past their tightest bound, read here from the root chain's own {@code BlockSubmitted} event
   * (never from the operator).
   */
  public Started startMassExit(MassExitBatch batch) {
    BigInteger bond = batch.bond(bondPerOutput());
    List<MassExitGame.MassExitItem> args = items(batch);
    BlockHeader next = boundingBlockHeader(batch);
    TransactionReceipt receipt = calls.send(
        "startMassExit",
        () -> mass()
            .startMassExit(
                batch.token().toHex(),
                args,
                next.root().value(),
                BigInteger.valueOf(next.timestamp()),
                bond)
            .send());
    for (Log log : ReceiptLogs.of(receipt, game, MassExitGame.MASSEXITSTARTED_EVENT)) {
      var e = MassExitGame.getMassExitStartedEventFromLog(log);
      return new Started(
          receipt, e.batchId, e.leaves.stream().map(L1Decoders::leaf).toList());
    }
    throw new Web3jRootChain.RootChainException("startMassExit emitted no MassExitStarted", null);
  }

  /**
   * The header of {@link MassExitBatch#boundingChildBlock()} from the framework's
   * {@code BlockSubmitted} log, or {@link BlockHeader#NONE} while that block does not exist (or the
   * batch has no consent).
   */
  public BlockHeader boundingBlockHeader(MassExitBatch batch) {
    java.util.OptionalLong blkNum = batch.boundingChildBlock();
    if (blkNum.isEmpty()) return BlockHeader.NONE;
    BigInteger next = L1Calls.read(() -> framework().nextChildBlock().send());
    if (BigInteger.valueOf(blkNum.getAsLong()).compareTo(next) >= 0) return BlockHeader.NONE;
    return blockHeader(blkNum.getAsLong());
  }

  /**
   * The {@code BlockSubmitted} event of child block {@code blkNum} (its number is an indexed
   * topic).
   */
  private BlockHeader blockHeader(long blkNum) {
    org.web3j.protocol.core.methods.request.EthFilter filter =
        new org.web3j.protocol.core.methods.request.EthFilter(
            org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
            org.web3j.protocol.core.DefaultBlockParameterName.LATEST,
            frameworkAddress().toHex());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(
        org.plasma4j.contracts.generated.PlasmaFramework.BLOCKSUBMITTED_EVENT));
    filter.addSingleTopic(
        org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(blkNum), 64));
    List<org.web3j.protocol.core.methods.response.EthLog.LogResult> logs =
        L1Calls.read(() -> web3j.ethGetLogs(filter).send().getLogs());
    for (var result : logs) {
      if (result.get() instanceof Log log
          && frameworkAddress().equals(Address.fromHex(log.getAddress()))) {
        var e = org.plasma4j.contracts.generated.PlasmaFramework.getBlockSubmittedEventFromLog(log);
        return new BlockHeader(new Bytes32(e.root), e.timestamp.longValueExact());
      }
    }
    throw new Web3jRootChain.RootChainException(
        "no BlockSubmitted event for child block " + blkNum, null);
  }

  /**
   * Commits to and then shows {@code spendingTx} spending leaf {@code leafIndex} of the batch: that
   * leaf is dropped and its bond paid to this sender; the other leaves are untouched.
   */
  public TransactionReceipt challengeOutput(
      BigInteger batchId, List<MassExitLeaf> leaves, int leafIndex, SignedTransaction spendingTx) {
    Bytes spending = Bytes.wrap(spendingTx.txBytes());
    commit(ExitGameCommitments.massExitChallenge(address(), batchId, leafIndex, spending));
    return revealChallenge(batchId, leaves, leafIndex, spendingTx);
  }

  /** The reveal alone, for a caller that committed a block or more earlier. */
  public TransactionReceipt revealChallenge(
      BigInteger batchId, List<MassExitLeaf> leaves, int leafIndex, SignedTransaction spendingTx) {
    OutputPosition spent = OutputPosition.decode(leaves.get(leafIndex).position());
    int inputIndex = spendingTx.tx().inputs().indexOf(spent);
    if (inputIndex < 0 || inputIndex >= spendingTx.signatures().size()) {
      throw new IllegalArgumentException(
          "the transaction does not spend " + spent + " with a signature");
    }
    return revealChallenge(
        batchId,
        leaves,
        leafIndex,
        Bytes.wrap(spendingTx.txBytes()),
        inputIndex,
        spendingTx.signatures().get(inputIndex));
  }

  /** The reveal from raw values, for callers holding only the one signature that matters. */
  public TransactionReceipt revealChallenge(
      BigInteger batchId,
      List<MassExitLeaf> leaves,
      int leafIndex,
      Bytes spendingTx,
      int spendingInputIndex,
      Signature signature) {
    return calls.send(
        "challengeMassExitOutput",
        () -> mass()
            .challengeMassExitOutput(
                batchId,
                structs(leaves),
                BigInteger.valueOf(leafIndex),
                spendingTx.toArray(),
                BigInteger.valueOf(spendingInputIndex),
                signature.value())
            .send());
  }

  /** Pays every unchallenged leaf of a processed batch to its owner (anyone may call, once). */
  public TransactionReceipt withdrawMassExit(BigInteger batchId, List<MassExitLeaf> leaves) {
    return calls.send(
        "withdrawMassExit",
        () -> mass().withdrawMassExit(batchId, structs(leaves)).send());
  }

  /** Pulls what a failed push credited to this sender in the game. */
  public TransactionReceipt withdraw(Address token) {
    return calls.send("withdraw", () -> mass().withdraw(token.toHex()).send());
  }

  public MassExitState massExit(BigInteger batchId) {
    var t = L1Calls.read(() -> mass().massExits(batchId).send());
    return new MassExitState(
        Address.fromHex(t.component1()),
        Address.fromHex(t.component2()),
        t.component3().intValueExact(),
        t.component4(),
        t.component5().longValueExact(),
        t.component6(),
        t.component7().intValueExact());
  }

  /**
   * The EIP-712 digest an output's owner signs to let {@code initiator} exit it in a batch started
   * no later than {@code deadline} whose outputs are all of blocks up to {@code maxBlock}.
   */
  public Bytes32 consentDigest(long position, Address initiator, long deadline, long maxBlock) {
    return new Bytes32(L1Calls.read(() -> mass()
        .consentDigest(
            BigInteger.valueOf(position),
            initiator.toHex(),
            BigInteger.valueOf(deadline),
            BigInteger.valueOf(maxBlock))
        .send()));
  }

  /** True while a processed batch's escrow is still credited to the game at the framework. */
  public boolean isEscrowCredited(BigInteger batchId) {
    return L1Calls.read(() -> mass().isEscrowCredited(batchId).send());
  }

  public BigInteger bondPerOutput() {
    return L1Calls.read(() -> mass().bondPerOutput().send());
  }

  public BigInteger bountyPerOutput() {
    return L1Calls.read(() -> mass().bountyPerOutput().send());
  }

  private static List<MassExitGame.MassExitLeaf> structs(List<MassExitLeaf> leaves) {
    return leaves.stream()
        .map(l -> new MassExitGame.MassExitLeaf(
            BigInteger.valueOf(l.position()), l.outputKey().value(), l.owner().toHex(), l.amount()))
        .toList();
  }
}
