package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.MockErc721;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinClaim;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.cash.CoinRoots;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A user's, watcher's or guardian's actions in the Plasma Cash exit game (docs/protocol.md section
 * 9.5): coin deposits (with the token approval they need), exits, checkpoints, every challenge and
 * the response to a challenge-before, finalization, withdrawal and bonds. Each challenge and the
 * response pay their sender, so they go out as a commitment to the framework first and are revealed
 * in a later block; the {@code reveal*} methods are the second half alone, for callers that
 * committed earlier. Every call waits for its receipt and fails with the game's decoded custom
 * error if it reverted.
 */
public final class CashGameClient extends GameClient {

  /** A deposit's receipt and the slot the game gave the new coin. */
  public record Deposited(TransactionReceipt receipt, long slot) {}

  /** The game's {@code coin(slot)}; {@code state} 0 deposited, 1 exiting, 2 exited, 3 withdrawn. */
  public record OnChainCoin(
      Address token,
      int kind,
      BigInteger value,
      int state,
      long originBlock,
      Address originOwner,
      Address exitedOwner) {}

  /**
   * The game's {@code exitOf} / {@code checkpointOf} of one owner; a zero owner means that owner
   * has none pending. {@code claimId} names the claim (its challenges are filed under it).
   */
  public record OnChainClaim(
      Address owner,
      Address prevOwner,
      long prevBlock,
      long exitBlock,
      long exitableAt,
      int openChallenges,
      long claimId) {

    public boolean exists() {
      return !owner.isZero();
    }

    public CoinClaim toCoinClaim(long slot, boolean checkpoint) {
      return new CoinClaim(slot, owner, prevOwner, prevBlock, exitBlock, checkpoint);
    }
  }

  /** The game's {@code evidenceOf}: the evidence at one block against a pending claim. */
  public record OnChainEvidence(Address claimedOwner, long filings, boolean open) {}

  /** The game's {@code challengeAt}: one challenger's filing; open until refunded or answered. */
  public record OnChainChallenge(Address challenger, long blk, boolean open) {}

  /**
   * The game's {@code pendingClaims}: exits and checkpoints of the coin pending, each by a
   * different owner.
   */
  public record PendingClaims(long exits, long checkpoints) {}

  public CashGameClient(Web3j web3j, Credentials key, Address cashExitGame) {
    super(web3j, key, cashExitGame);
  }

  /** A client of the cash game that {@code framework} has registered. */
  public static CashGameClient forFramework(Web3j web3j, Credentials key, Address framework) {
    return new CashGameClient(web3j, key, GameAddresses.cashGameOf(web3j, framework));
  }

  private CashExitGame cash() {
    return CashExitGame.load(game.toHex(), web3j, signer(), gas());
  }

  /**
   * The game's views as of root-chain block {@code block}, so several reads agree with one another.
   */
  private CashExitGame cashAt(long block) {
    return cashAt(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
  }

  private CashExitGame cashAt(DefaultBlockParameter block) {
    CashExitGame c = cash();
    c.setDefaultBlockParameter(block);
    return c;
  }

  @Override
  protected String readFramework() throws Exception {
    return cash().framework().send();
  }

  private static BigInteger u64(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  // ---- deposits

  /**
   * Deposits ETH as a coin; refused ({@link DepositCheck.Refused}) before sending if the account
   * holds less.
   */
  public Deposited depositEth(BigInteger wei) {
    BigInteger balance = L1Calls.read(() -> web3j
        .ethGetBalance(key.getAddress(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
        .send()
        .getBalance());
    DepositCheck.eth(address(), wei, balance).ifPresent(r -> {
      throw r;
    });
    return deposited(calls.send("depositEth", () -> cash().depositEth(wei).send()));
  }

  /**
   * Approves the game for {@code amount} and deposits it; the coin is worth what arrived. A failed
   * deposit sets the allowance back to what it was.
   *
   * @throws DepositCheck.Refused before sending anything if there is no ERC20 at {@code token} (an
   *     ERC721 included) or the account holds less than {@code amount}
   */
  public Deposited depositErc20(Address token, BigInteger amount) {
    TokenProbe probe = new TokenProbe(web3j);
    DepositCheck.erc20(
            TokenUnits.of(probe, token),
            address(),
            amount,
            probe.facts(token, address(), java.util.Optional.empty()))
        .ifPresent(r -> {
          throw r;
        });
    DevToken erc20 = DevToken.load(token.toHex(), web3j, signer(), gas());
    BigInteger before =
        L1Calls.read(() -> erc20.allowance(address().toHex(), game.toHex()).send());
    return deposited(calls.sendApproved(
        "depositErc20",
        () -> erc20.approve(game.toHex(), amount).send(),
        () -> cash().depositErc20(token.toHex(), amount).send(),
        () -> erc20.approve(game.toHex(), before).send()));
  }

  /**
   * Approves the game for {@code tokenId} and deposits it as a coin carrying that id. A failed
   * deposit clears the token's approval.
   *
   * @throws DepositCheck.Refused before sending anything if {@code token} is no ERC721 (an ERC20
   *     included) or the account does not own {@code tokenId}
   */
  public Deposited depositErc721(Address token, BigInteger tokenId) {
    TokenProbe probe = new TokenProbe(web3j);
    DepositCheck.erc721(
            token,
            address(),
            tokenId,
            probe.facts(token, address(), java.util.Optional.of(tokenId)))
        .ifPresent(r -> {
          throw r;
        });
    return deposited(calls.sendApproved(
        "depositErc721",
        () -> erc721(token).approve(game.toHex(), tokenId).send(),
        () -> cash().depositErc721(token.toHex(), tokenId).send(),
        () -> erc721(token).approve(Address.ZERO.toHex(), tokenId).send()));
  }

  private MockErc721 erc721(Address token) {
    return MockErc721.load(token.toHex(), web3j, signer(), gas());
  }

  /**
   * The deposit's slot, from the CoinDeposited this game emitted (a token's log of that shape is
   * not it).
   */
  private Deposited deposited(TransactionReceipt receipt) {
    return ReceiptLogs.of(receipt, game, CashExitGame.COINDEPOSITED_EVENT).stream()
        .findFirst()
        .map(log -> new Deposited(
            receipt, L1Decoders.u64(CashExitGame.getCoinDepositedEventFromLog(log).slot)))
        .orElseThrow(() ->
            new Web3jRootChain.RootChainException("the deposit emitted no CoinDeposited", null));
  }

  // ---- exits and checkpoints

  /** Starts an exit of the coin with its last two transfers (or its origin), bonded. */
  public TransactionReceipt startExit(long slot, CoinClaimArgs claim) {
    BigInteger bond = coinExitBond();
    return calls.send(
        "startExit", () -> cash().startExit(u64(slot), struct(claim), bond).send());
  }

  /** Starts a checkpoint of the coin's ownership at {@code claim.exitBlock()}, bonded. */
  public TransactionReceipt startCheckpoint(long slot, CoinClaimArgs claim) {
    BigInteger bond = checkpointBond();
    return calls.send(
        "startCheckpoint",
        () -> cash().startCheckpoint(u64(slot), struct(claim), bond).send());
  }

  private static CashExitGame.CoinClaim struct(CoinClaimArgs c) {
    return new CashExitGame.CoinClaim(
        c.prevTx().toArray(),
        c.prevProof().toArray(),
        c.exitTx().toArray(),
        c.exitSig().toArray(),
        c.exitProof().toArray(),
        u64(c.exitBlock()));
  }

  /** Finalizes this key's own exit of the coin. */
  public TransactionReceipt finalizeExit(long slot) {
    return finalizeExit(slot, address());
  }

  /** Finalizes {@code claimant}'s exit (anyone may; a still-challenged one fails). */
  public TransactionReceipt finalizeExit(long slot, Address claimant) {
    return calls.send(
        "finalizeExit", () -> cash().finalizeExit(u64(slot), claimant.toHex()).send());
  }

  /** Finalizes this key's own checkpoint of the coin. */
  public TransactionReceipt finalizeCheckpoint(long slot) {
    return finalizeCheckpoint(slot, address());
  }

  public TransactionReceipt finalizeCheckpoint(long slot, Address claimant) {
    return calls.send(
        "finalizeCheckpoint",
        () -> cash().finalizeCheckpoint(u64(slot), claimant.toHex()).send());
  }

  /** Pays the exited coin (ETH, ERC20 or the ERC721 token) to its exited owner, the sender. */
  public TransactionReceipt withdraw(long slot) {
    return withdraw(slot, address());
  }

  /** Pays the exited coin, of which the sender is the exited owner, to {@code to}. */
  public TransactionReceipt withdraw(long slot, Address to) {
    return calls.send("withdraw", () -> cash().withdraw(u64(slot), to.toHex()).send());
  }

  /** Pulls every bond credited to the sender. */
  public TransactionReceipt withdrawBonds() {
    return calls.send("withdrawBonds", () -> cash().withdrawBonds().send());
  }

  /** Pulls every bond credited to the sender, paid to {@code to}. */
  public TransactionReceipt withdrawBondsTo(Address to) {
    return calls.send(
        "withdrawBondsTo", () -> cash().withdrawBondsTo(to.toHex()).send());
  }

  /**
   * Refunds a challenge that its claim's close left open (beyond the first 32 the close settles):
   * the {@code index}-th challenge of claim {@code claimId} (both from its CoinChallenged event).
   */
  public TransactionReceipt settleChallenge(
      long slot, Address claimant, boolean onCheckpoint, long claimId, long index) {
    return calls.send(
        "settleChallenge",
        () -> cash()
            .settleChallenge(
                u64(slot), claimant.toHex(), onCheckpoint, u64(claimId), BigInteger.valueOf(index))
            .send());
  }

  // ---- challenges (commit, then reveal)

  /** Commits to revealing {@code txHash} for {@code slot} (bytes32(0) for the origin variant). */
  public TransactionReceipt commitCoin(long slot, Bytes32 txHash) {
    return commit(ExitGameCommitments.coinChallenge(address(), slot, txHash));
  }

  private Bytes32 txHash(CoinEvidence e) {
    return e.transfer().hash();
  }

  /**
   * Makes {@code challenge} (as the core's CoinChallengeFinder chose it) against {@code claimant}'s
   * claim.
   */
  public TransactionReceipt challenge(
      long slot, Address claimant, boolean onCheckpoint, CoinChallenge challenge) {
    return switch (challenge.kind()) {
      case AFTER -> challengeAfter(slot, claimant, challenge.evidence().orElseThrow());
      case BETWEEN ->
        challengeBetween(slot, claimant, onCheckpoint, challenge.evidence().orElseThrow());
      case BEFORE ->
        challengeBefore(slot, claimant, onCheckpoint, challenge.evidence().orElseThrow());
      case BEFORE_FROM_ORIGIN -> challengeBeforeFromOrigin(slot, claimant, onCheckpoint);
      case NONE -> throw new IllegalArgumentException("nothing to challenge");
    };
  }

  public TransactionReceipt challengeAfter(long slot, Address claimant, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealAfter(slot, claimant, e);
  }

  public TransactionReceipt revealAfter(long slot, Address claimant, CoinEvidence e) {
    return calls.send(
        "challengeAfter",
        () -> cash()
            .challengeAfter(
                u64(slot),
                claimant.toHex(),
                e.txBytes().toArray(),
                e.sig().toArray(),
                e.proof().toArray(),
                u64(e.blk()))
            .send());
  }

  /** challengeBetween on an exit, challengeCheckpointBetween on a checkpoint. */
  public TransactionReceipt challengeBetween(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealBetween(slot, claimant, onCheckpoint, e);
  }

  public TransactionReceipt revealBetween(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    String who = claimant.toHex();
    byte[] tx = e.txBytes().toArray();
    byte[] sig = e.sig().toArray();
    byte[] proof = e.proof().toArray();
    return onCheckpoint
        ? calls.send(
            "challengeCheckpointBetween",
            () -> cash()
                .challengeCheckpointBetween(u64(slot), who, tx, sig, proof, u64(e.blk()))
                .send())
        : calls.send(
            "challengeBetween",
            () -> cash()
                .challengeBetween(u64(slot), who, tx, sig, proof, u64(e.blk()))
                .send());
  }

  /** An invalid-history challenge with an earlier transfer, bonded with the challenge bond. */
  public TransactionReceipt challengeBefore(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealBefore(slot, claimant, onCheckpoint, e);
  }

  public TransactionReceipt revealBefore(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    BigInteger bond = challengeBond();
    return calls.send(
        "challengeBefore",
        () -> cash()
            .challengeBefore(
                u64(slot),
                claimant.toHex(),
                onCheckpoint,
                e.txBytes().toArray(),
                e.sig().toArray(),
                e.proof().toArray(),
                u64(e.blk()),
                bond)
            .send());
  }

  /** An invalid-history challenge with the origin itself, bonded with the challenge bond. */
  public TransactionReceipt challengeBeforeFromOrigin(
      long slot, Address claimant, boolean onCheckpoint) {
    commitCoin(slot, Bytes32.ZERO);
    return revealBeforeFromOrigin(slot, claimant, onCheckpoint);
  }

  public TransactionReceipt revealBeforeFromOrigin(
      long slot, Address claimant, boolean onCheckpoint) {
    BigInteger bond = challengeBond();
    return calls.send(
        "challengeBeforeFromOrigin",
        () -> cash()
            .challengeBeforeFromOrigin(u64(slot), claimant.toHex(), onCheckpoint, bond)
            .send());
  }

  /**
   * Answers the evidence at block {@code e.transfer().prevBlock()} against {@code claimant}'s claim
   * with that spend; every challenge bond filed with the evidence becomes ours.
   */
  public TransactionReceipt respondChallengeBefore(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealResponse(slot, claimant, onCheckpoint, e);
  }

  public TransactionReceipt revealResponse(
      long slot, Address claimant, boolean onCheckpoint, CoinEvidence e) {
    return calls.send(
        "respondChallengeBefore",
        () -> cash()
            .respondChallengeBefore(
                u64(slot),
                claimant.toHex(),
                onCheckpoint,
                e.txBytes().toArray(),
                e.sig().toArray(),
                e.proof().toArray(),
                u64(e.blk()))
            .send());
  }

  // ---- views

  public OnChainCoin coin(long slot) {
    var t = L1Calls.read(() -> cash().coin(u64(slot)).send());
    return new OnChainCoin(
        Address.fromHex(t.component1()),
        t.component2().intValueExact(),
        t.component3(),
        t.component4().intValueExact(),
        t.component5().longValue(),
        Address.fromHex(t.component6()),
        Address.fromHex(t.component7()));
  }

  /** This key's own pending exit of the coin. */
  public OnChainClaim exitOf(long slot) {
    return exitOf(slot, address());
  }

  public OnChainClaim exitOf(long slot, Address owner) {
    return claim(L1Calls.read(() -> cash().exitOf(u64(slot), owner.toHex()).send()));
  }

  /** This key's own pending checkpoint of the coin. */
  public OnChainClaim checkpointOf(long slot) {
    return checkpointOf(slot, address());
  }

  public OnChainClaim checkpointOf(long slot, Address owner) {
    return claim(
        L1Calls.read(() -> cash().checkpointOf(u64(slot), owner.toHex()).send()));
  }

  /** {@code owner}'s pending exit ({@code checkpoint} false) or checkpoint of the coin. */
  public OnChainClaim claimOf(long slot, Address owner, boolean checkpoint) {
    return checkpoint ? checkpointOf(slot, owner) : exitOf(slot, owner);
  }

  /** {@link #claimOf(long, Address, boolean)} as of root-chain block {@code atBlock}. */
  public OnChainClaim claimOf(long slot, Address owner, boolean checkpoint, long atBlock) {
    return claimOf(
        slot, owner, checkpoint, DefaultBlockParameter.valueOf(BigInteger.valueOf(atBlock)));
  }

  /** {@link #claimOf(long, Address, boolean)} as of root-chain block {@code atBlock}. */
  public OnChainClaim claimOf(
      long slot, Address owner, boolean checkpoint, DefaultBlockParameter atBlock) {
    CashExitGame at = cashAt(atBlock);
    return claim(L1Calls.read(() -> checkpoint
        ? at.checkpointOf(u64(slot), owner.toHex()).send()
        : at.exitOf(u64(slot), owner.toHex()).send()));
  }

  private static OnChainClaim claim(
      org.web3j.tuples.generated.Tuple7<
              String, String, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger>
          t) {
    return new OnChainClaim(
        Address.fromHex(t.component1()),
        Address.fromHex(t.component2()),
        t.component3().longValue(),
        t.component4().longValue(),
        t.component5().longValueExact(),
        t.component6().intValueExact(),
        t.component7().longValue());
  }

  /** The evidence at {@code blk} against {@code claimant}'s pending claim. */
  public OnChainEvidence evidenceOf(long slot, Address claimant, boolean onCheckpoint, long blk) {
    var t = L1Calls.read(() ->
        cash().evidenceOf(u64(slot), claimant.toHex(), onCheckpoint, u64(blk)).send());
    return new OnChainEvidence(
        Address.fromHex(t.component1()), t.component2().longValue(), t.component3());
  }

  /** The {@code index}-th challenge filed against claim {@code claimId} of {@code claimant}. */
  public OnChainChallenge challengeAt(
      long slot, Address claimant, boolean onCheckpoint, long claimId, long index) {
    var t = L1Calls.read(() -> cash()
        .challengeAt(
            u64(slot), claimant.toHex(), onCheckpoint, u64(claimId), BigInteger.valueOf(index))
        .send());
    return new OnChainChallenge(
        Address.fromHex(t.component1()), t.component2().longValue(), t.component3());
  }

  public PendingClaims pendingClaims(long slot) {
    return pendingClaims(cash(), slot);
  }

  /** {@link #pendingClaims(long)} as of root-chain block {@code atBlock}. */
  public PendingClaims pendingClaims(long slot, long atBlock) {
    return pendingClaims(cashAt(atBlock), slot);
  }

  private static PendingClaims pendingClaims(CashExitGame at, long slot) {
    var t = L1Calls.read(() -> at.pendingClaims(u64(slot)).send());
    return new PendingClaims(t.component1().longValueExact(), t.component2().longValueExact());
  }

  /** The bonds failed claims on the coin forfeited, paid to whoever exits it. */
  public BigInteger forfeits(long slot) {
    return L1Calls.read(() -> cash().forfeits(u64(slot)).send());
  }

  /** Bond wei credited to {@code who} and not yet withdrawn. */
  public BigInteger bonds(Address who) {
    return L1Calls.read(() -> cash().bonds(who.toHex()).send());
  }

  public long nextSlot() {
    return L1Calls.read(() -> cash().nextSlot().send()).longValue();
  }

  public BigInteger coinExitBond() {
    return L1Calls.read(() -> cash().coinExitBond().send());
  }

  public BigInteger challengeBond() {
    return L1Calls.read(() -> cash().challengeBond().send());
  }

  public BigInteger checkpointBond() {
    return L1Calls.read(() -> cash().checkpointBond().send());
  }

  /** The framework's coin root of child block {@code blkNum} (zero for a block without coins). */
  public Bytes32 coinRoot(long blkNum) {
    return new Bytes32(L1Calls.read(() -> framework().coinRoot(u64(blkNum)).send()));
  }

  /** The coin roots on the root chain, for the core's history verifier. */
  public CoinRoots coinRoots() {
    return new CoinRoots() {
      @Override
      public Bytes32 coinRoot(long blkNum) {
        return CashGameClient.this.coinRoot(blkNum);
      }

      @Override
      public boolean hasChildBlock(long blkNum) {
        return Long.compareUnsigned(
                blkNum, L1Calls.read(() -> framework().nextChildBlock().send()).longValue())
            < 0;
      }
    };
  }

  /** Who owns ERC721 token {@code tokenId} of {@code token} on the root chain. */
  public Address erc721Owner(Address token, BigInteger tokenId) {
    return Address.fromHex(L1Calls.read(() -> erc721(token).ownerOf(tokenId).send()));
  }
}
