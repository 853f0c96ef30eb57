package org.plasma4j.core.exit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The arguments of one {@code startMassExit(token, items)} (docs/protocol.md 7) and the leaves the
 * game will store for them: outputs of one token sorted by position, each with its compressed proof
 * (chained to the item before it when that is of the same block: {@link ChainedProof}) and, when
 * the initiator does not own it, the owner's {@code MassExitConsent(position, initiator, deadline,
 * maxBlock)} signature naming that initiator and the youngest block the batch may hold. Built only
 * through {@link #of}, which applies the game's checks that need no root chain, so a batch that
 * builds is rejected on chain only for an unknown block, a bad proof, an expired consent or an
 * output already in another exit or exited. Immutable.
 *
 * @param token the batch's token (zero address = ETH)
 * @param initiator who calls startMassExit and pays the bonds
 * @param items the calldata items, in position order
 * @param leaves what MassExitStarted reports and challenges and withdrawals pass back, in the same
 *     order
 */
public record MassExitBatch(
    Address token, Address initiator, List<Item> items, List<MassExitLeaf> leaves) {
  public static final int MAX_ITEMS = 256;
  public static final String CONSENT_TYPE =
      "MassExitConsent(uint256 position,address initiator,uint256 deadline,uint256 maxBlock)";
  public static final Bytes32 CONSENT_TYPEHASH =
      new Bytes32(Keccak256.hash(CONSENT_TYPE.getBytes(UTF_8)));

  /**
   * One element of the {@code MassExitItem[]} argument; {@code signature} is empty and
   * {@code consentDeadline} and {@code consentMaxBlock} zero for own outputs.
   */
  public record Item(
      OutputPosition position,
      Bytes txBytes,
      CompressedProof proof,
      long blockTimestamp,
      long consentDeadline,
      long consentMaxBlock,
      Bytes signature) {}

  /**
   * An owner's consent to have an output exited in the batch of the initiator it was signed for, in
   * a batch started no later than {@code deadline} (root-chain seconds) whose outputs are all of
   * blocks up to {@code maxBlock}: the blocks the owner holds valid. An output of a later block (a
   * forgery the vault does not back) cannot share the batch's escrow and priority with the
   * consented output.
   */
  public record Consent(Signature signature, long deadline, long maxBlock) {}

  /**
   * An output to put in a batch: the transaction that created it, where, the proof of that
   * transaction in its block and the block's timestamp, and the owner's consent if the owner is not
   * the initiator.
   */
  public record Exiting(
      OutputPosition position,
      Transaction tx,
      CompressedProof proof,
      long blockTimestamp,
      Optional<Consent> consent) {}

  /** Why a batch cannot be built (each matches a custom error of MassExitGame). */
  public enum Problem {
    BAD_ITEM_COUNT,
    DUPLICATE_POSITION,
    NO_SUCH_OUTPUT,
    WRONG_TOKEN,
    NOT_OUTPUT_OWNER,
    CONSENT_NOT_BY_OWNER,
    BATCH_YOUNGER_THAN_CONSENT
  }

  /** A batch the mass exit game would reject for {@link #problem()}. */
  public static final class InvalidBatchException extends IllegalArgumentException {
    private final transient Problem problem;

    InvalidBatchException(Problem problem, String detail) {
      super(problem + ": " + detail);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  public MassExitBatch {
    items = List.copyOf(items);
    leaves = List.copyOf(leaves);
  }

  /**
   * Sorts, checks and encodes a batch.
   *
   * @param domainSeparator the framework's EIP-712 domain, under which consents are signed
   * @throws InvalidBatchException when the game would revert for a reason visible without the chain
   */
  public static MassExitBatch of(
      Address token, Address initiator, List<Exiting> outputs, Bytes32 domainSeparator) {
    if (outputs.isEmpty() || outputs.size() > MAX_ITEMS) {
      throw new InvalidBatchException(Problem.BAD_ITEM_COUNT, outputs.size() + " outputs");
    }
    List<Exiting> sorted =
        outputs.stream().sorted(Comparator.comparing(Exiting::position)).toList();
    List<Item> items = new ArrayList<>(sorted.size());
    List<MassExitLeaf> leaves = new ArrayList<>(sorted.size());
    OutputPosition previous = null;
    for (Exiting e : sorted) {
      CompressedProof proof =
          previous != null && previous.blkNum() == e.position().blkNum()
              ? ChainedProof.chain(e.proof(), e.position().txIndex(), previous.txIndex())
              : e.proof();
      if (e.position().equals(previous)) {
        throw new InvalidBatchException(Problem.DUPLICATE_POSITION, e.position().toString());
      }
      previous = e.position();
      Output out = outputOf(e);
      if (!out.token().equals(token)) {
        throw new InvalidBatchException(Problem.WRONG_TOKEN, e.position() + " is " + out.token());
      }
      Bytes signature = consentFor(e, out.owner(), initiator, domainSeparator);
      long deadline = e.consent().map(Consent::deadline).orElse(0L);
      long maxBlock = e.consent().map(Consent::maxBlock).orElse(0L);
      items.add(new Item(
          e.position(),
          Bytes.wrap(e.tx().encode()),
          proof,
          e.blockTimestamp(),
          deadline,
          maxBlock,
          signature));
      leaves.add(new MassExitLeaf(
          e.position().encode(), OutputKey.of(e.tx(), e.position()), out.owner(), out.amount()));
    }
    requireWithinConsents(sorted);
    return new MassExitBatch(token, initiator, items, leaves);
  }

  /**
   * Every consenting owner's bound holds the whole batch: its youngest output is of no later block.
   */
  private static void requireWithinConsents(List<Exiting> sorted) {
    OutputPosition youngest = sorted.get(sorted.size() - 1).position();
    for (Exiting e : sorted) {
      if (e.consent().isPresent() && youngest.blkNum() > e.consent().get().maxBlock()) {
        throw new InvalidBatchException(
            Problem.BATCH_YOUNGER_THAN_CONSENT,
            "the consent for " + e.position() + " allows blocks up to "
                + e.consent().get().maxBlock() + ", the batch holds " + youngest);
      }
    }
  }

  private static Output outputOf(Exiting e) {
    int index = e.position().outputIndex();
    if (index >= e.tx().outputs().size()) {
      throw new InvalidBatchException(Problem.NO_SUCH_OUTPUT, e.position().toString());
    }
    return e.tx().outputs().get(index);
  }

  /**
   * Own outputs need no signature; others need the owner's consent for this initiator (checked here
   * as on chain, but for the deadline, which only the root chain's clock decides).
   */
  private static Bytes consentFor(
      Exiting e, Address owner, Address initiator, Bytes32 domainSeparator) {
    if (e.consent().isEmpty()) {
      if (!owner.equals(initiator)) {
        throw new InvalidBatchException(
            Problem.NOT_OUTPUT_OWNER, e.position() + " is " + owner + "'s");
      }
      return Bytes.EMPTY;
    }
    Consent consent = e.consent().get();
    byte[] digest = consentDigest(
        e.position().encode(), initiator, consent.deadline(), consent.maxBlock(), domainSeparator);
    Optional<Address> signer = Secp256k1.recover(digest, consent.signature());
    if (signer.isEmpty() || !signer.get().equals(owner)) {
      throw new InvalidBatchException(
          Problem.CONSENT_NOT_BY_OWNER,
          e.position() + " signed by " + signer + " for initiator " + initiator);
    }
    return consent.signature().bytes();
  }

  /**
   * keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ keccak256(abi.encode(CONSENT_TYPEHASH, position,
   * initiator, deadline, maxBlock))).
   */
  public static byte[] consentDigest(
      long position, Address initiator, long deadline, long maxBlock, Bytes32 domainSeparator) {
    byte[] structHash = Keccak256.hashConcat(
        CONSENT_TYPEHASH.value(),
        Abi.word(position),
        Abi.word(initiator),
        Abi.word(deadline),
        Abi.word(maxBlock));
    return Keccak256.hashConcat(new byte[] {0x19, 0x01}, domainSeparator.value(), structHash);
  }

  /**
   * The owner's consent to have {@code position} exited in a batch that {@code initiator} starts no
   * later than {@code deadline}, of outputs of blocks up to {@code maxBlock} (the last block the
   * owner holds valid): nobody else can use it, it cannot hold the output back past the deadline,
   * and the initiator cannot batch the output with an output of a block the owner did not vouch
   * for.
   */
  public static Consent signConsent(
      PrivateKey owner,
      long position,
      Address initiator,
      long deadline,
      long maxBlock,
      Bytes32 domainSeparator) {
    return new Consent(
        Secp256k1.sign(
            owner, consentDigest(position, initiator, deadline, maxBlock, domainSeparator)),
        deadline,
        maxBlock);
  }

  /** msg.value of startMassExit. */
  public BigInteger bond(BigInteger bondPerOutput) {
    return bondPerOutput.multiply(BigInteger.valueOf(items.size()));
  }

  /**
   * The first child block past the tightest consent's {@code maxBlock}, whose root and timestamp
   * {@code startMassExit} takes when the block exists: a batch holding a consented output must
   * start within one exit period of that block. Empty for a batch without consents, or a bound no
   * block can pass.
   */
  public java.util.OptionalLong boundingChildBlock() {
    long bound = Long.MAX_VALUE;
    for (Item item : items) {
      if (item.signature().length() != 0 && item.consentMaxBlock() < bound)
        bound = item.consentMaxBlock();
    }
    if (bound < 0 || bound > org.plasma4j.core.types.BlockNumbers.LAST_CHILD_BLOCK) {
      return java.util.OptionalLong.empty();
    }
    long interval = org.plasma4j.core.types.BlockNumbers.CHILD_BLOCK_INTERVAL;
    return java.util.OptionalLong.of(bound - bound % interval + interval);
  }

  /** The position the batch is queued at: its youngest (largest) output position. */
  public long youngestPosition() {
    return leaves.get(leaves.size() - 1).position();
  }

  /** keccak256(abi.encode(MassExitLeaf[])): what the game stores for the batch. */
  public Bytes32 leavesHash() {
    return leavesHash(leaves);
  }

  /** keccak256(abi.encode(leaves)): offset, length, then four words per leaf. */
  public static Bytes32 leavesHash(List<MassExitLeaf> leaves) {
    byte[][] words = new byte[2 + 4 * leaves.size()][];
    words[0] = Abi.word(32);
    words[1] = Abi.word(leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      MassExitLeaf l = leaves.get(i);
      words[2 + 4 * i] = Abi.word(l.position());
      words[3 + 4 * i] = l.outputKey().value();
      words[4 + 4 * i] = Abi.word(l.owner());
      words[5 + 4 * i] = Abi.word(l.amount());
    }
    return new Bytes32(Keccak256.hashConcat(words));
  }
}
