package org.plasma4j.wallet.cash;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.wallet.RootChainActions.L1Receipt;

/**
 * The cash game on the shared in-memory root chain ({@link InMemoryRootChain}), and an operator
 * that includes whatever it is sent, one block per transfer unless told to hold them: enough to
 * drive the coin wallet's logic in unit tests, hostile operator included. The chain's framework
 * numbers the child blocks and keeps their coin roots, which the operator submits with each block;
 * the game's state (coins, every owner's exits and checkpoints side by side) is kept here, and each
 * of its calls is mined in a root-chain block of its own, its deposits and claims with their
 * events. The chain's clock moves only when the test moves it. The real chain is in CoinWalletIT.
 */
final class FakeCashNet {

  /** The root chain: the framework's child blocks and coin roots, every call's block. */
  final InMemoryRootChain chain = new InMemoryRootChain(
      new RootChain.ChainInfo(31337, Address.fromHex("0x" + "f0".repeat(20)), OPERATOR, 604_800L),
      100,
      0,
      0);

  private static final Address OPERATOR = Address.fromHex("0x" + "0e".repeat(20));

  final Map<Long, CashChain.OnChainCoin> coins = new LinkedHashMap<>();
  final Map<Long, Map<Long, SignedCoinTransfer>> blocks = new TreeMap<>();
  /** The exits pending on chain, each owner's side by side, as exitOf(slot, owner) reports them. */
  final Map<Long, Map<Address, CashChain.PendingClaim>> exits = new LinkedHashMap<>();
  /** The checkpoints pending on chain, each owner's side by side. */
  final Map<Long, Map<Address, CashChain.PendingClaim>> checkpoints = new LinkedHashMap<>();
  /** What each owner's startExit and startCheckpoint sent. */
  final Map<Long, Map<Address, CoinClaimArgs>> exitClaims = new LinkedHashMap<>();

  final Map<Long, Map<Address, CoinClaimArgs>> checkpointClaims = new LinkedHashMap<>();
  /**
   * Whether the root chain's claims cannot all be named (the game counts claims its events do not
   * name).
   */
  boolean claimsUnknown;
  /** The domain the root chain confirms (chain id and framework). */
  org.plasma4j.core.tx.Domain domain;

  final List<SignedCoinTransfer> pending = new ArrayList<>();
  final List<byte[]> sent = new ArrayList<>();
  /** What a hostile operator does to the proofs it serves. */
  java.util.function.UnaryOperator<List<CoinOperator.ProofEntry>> tamper = e -> e;
  /**
   * How many more plasma_getCoin calls answer "unknown coin", as before the operator sees a
   * deposit.
   */
  int uncreditedAnswers;

  int getCoinCalls;
  long nextSlot;
  boolean autoBlock = true;
  /** Claims started so far: the game numbers them from 1. */
  private long claims;

  /**
   * Forms a child block with the pending transfers and submits it to the framework, with their coin
   * root (none if there are no transfers); returns its number.
   */
  long formBlock() {
    long blk = chain.nextChildBlock();
    Map<Long, SignedCoinTransfer> txs = new LinkedHashMap<>();
    pending.forEach(t -> txs.put(t.slot(), t));
    pending.clear();
    blocks.put(blk, txs);
    // the payments' root: this operator carries none, so any root names the block
    Bytes32 root = Bytes32.ofUint(blk);
    BigInteger nonce = chain.operatorPendingNonce();
    BigInteger fee = chain.suggestedMaxFeePerGas();
    long now = chain.headTimestamp();
    if (txs.isEmpty()) {
      chain.submitBlock(root, nonce, fee);
    } else {
      chain.submitBlockWithCoins(root, CoinTree.ofTransfers(txs.values()).root(), nonce, fee);
    }
    chain.setHeadTimestamp(now);
    return blk;
  }

  /** Includes a transfer as is (no checks: the operator may be hostile), in its own block. */
  long include(SignedCoinTransfer t) {
    pending.add(t);
    return formBlock();
  }

  /**
   * What the game records of a claim: its owner, previous owner and blocks (docs/protocol.md §9.4).
   */
  CashChain.PendingClaim pendingOf(long slot, CoinClaimArgs claim) {
    CashChain.OnChainCoin c = coins.get(slot);
    if (claim.exitTx().length() == 0) {
      return new CashChain.PendingClaim(c.originOwner(), Address.ZERO, 0, c.originBlock(), 100, 0);
    }
    CoinTransfer exit = CoinTransfer.decode(claim.exitTx().toArray());
    Address prevOwner = claim.prevTx().length() == 0
        ? c.originOwner()
        : CoinTransfer.decode(claim.prevTx().toArray()).newOwner();
    return new CashChain.PendingClaim(
        exit.newOwner(), prevOwner, exit.prevBlock(), claim.exitBlock(), 100, 0);
  }

  private static final CashChain.PendingClaim NONE =
      new CashChain.PendingClaim(Address.ZERO, Address.ZERO, 0, 0, 0, 0);

  /**
   * Files {@code claim} on chain as its owner's pending exit or checkpoint, beside any other
   * owner's.
   */
  void file(long slot, boolean checkpoint, CashChain.PendingClaim claim) {
    (checkpoint ? checkpoints : exits)
        .computeIfAbsent(slot, s -> new LinkedHashMap<>())
        .put(claim.owner(), claim);
    if (!checkpoint) {
      setState(slot, CashChain.EXITING, Address.ZERO);
    }
  }

  CashChain.PendingClaim exitOf(long slot, Address owner) {
    return exits.getOrDefault(slot, Map.of()).getOrDefault(owner, NONE);
  }

  CashChain.PendingClaim checkpointOf(long slot, Address owner) {
    return checkpoints.getOrDefault(slot, Map.of()).getOrDefault(owner, NONE);
  }

  CoinClaimArgs exitClaim(long slot, Address owner) {
    return exitClaims.getOrDefault(slot, Map.of()).get(owner);
  }

  private void setState(long slot, int state, Address exitedOwner) {
    CashChain.OnChainCoin c = coins.get(slot);
    coins.put(
        slot,
        new CashChain.OnChainCoin(
            slot,
            c.token(),
            c.kind(),
            c.value(),
            state,
            c.originBlock(),
            c.originOwner(),
            exitedOwner));
  }

  CashChain chainFor(Address sender) {
    return new Chain(sender);
  }

  CoinOperator operator() {
    return new Operator();
  }

  /** Mines a root-chain block for a call, with {@code event} in it if any, keeping the clock. */
  private L1Receipt mined(L1Event event) {
    long now = chain.headTimestamp();
    if (event == null) {
      chain.mine();
    } else {
      chain.l1().appendInNewBlock(event);
    }
    chain.setHeadTimestamp(now);
    long block = chain.headBlockNumber();
    return new L1Receipt("0x" + String.format("%064x", block), block);
  }

  private L1Receipt receipt() {
    return mined(null);
  }

  private final class Chain implements CashChain {
    private final Address sender;

    Chain(Address sender) {
      this.sender = sender;
    }

    @Override
    public Optional<OnChainCoin> coin(long slot) {
      return Optional.ofNullable(coins.get(slot));
    }

    @Override
    public long nextChildBlock() {
      return chain.nextChildBlock();
    }

    @Override
    public Map<Long, Bytes32> coinRoots(long fromBlock, long toBlock) {
      Map<Long, Bytes32> out = new HashMap<>();
      for (BlockSubmittedEvent e : chain.submitted()) {
        Bytes32 coinRoot = chain.coinRoot(e.blkNum());
        if (e.blkNum() >= fromBlock && e.blkNum() <= toBlock && !coinRoot.equals(Bytes32.ZERO)) {
          out.put(e.blkNum(), coinRoot);
        }
      }
      return Map.copyOf(out);
    }

    @Override
    public CoinDeposit deposit(int kind, Address token, BigInteger value) {
      long slot = nextSlot++;
      long originBlock = chain.nextChildBlock() - 1;
      OnChainCoin c =
          new OnChainCoin(slot, token, kind, value, DEPOSITED, originBlock, sender, Address.ZERO);
      coins.put(slot, c);
      L1Receipt r = mined(
          new CoinDeposited(slot, sender, token, kind, value, originBlock, LogPlace.inBlock(0)));
      return new CoinDeposit(r, c);
    }

    @Override
    public L1Receipt startExit(long slot, CoinClaimArgs claim) {
      requireNone(FakeCashNet.this.exitOf(slot, sender), "exit");
      exitClaims.computeIfAbsent(slot, s -> new LinkedHashMap<>()).put(sender, claim);
      file(slot, false, new PendingClaim(sender, Address.ZERO, 0, claim.exitBlock(), 100, 0));
      return mined(
          new CoinExitStarted(slot, sender, claim.exitBlock(), 0, ++claims, LogPlace.inBlock(0)));
    }

    @Override
    public L1Receipt finalizeExit(long slot) {
      PendingClaim e = exits.get(slot).remove(sender);
      setState(slot, EXITED, e.owner());
      return receipt();
    }

    @Override
    public L1Receipt withdraw(long slot) {
      setState(slot, WITHDRAWN, coins.get(slot).exitedOwner());
      return receipt();
    }

    @Override
    public L1Receipt startCheckpoint(long slot, CoinClaimArgs claim) {
      requireNone(FakeCashNet.this.checkpointOf(slot, sender), "checkpoint");
      checkpointClaims.computeIfAbsent(slot, s -> new LinkedHashMap<>()).put(sender, claim);
      PendingClaim filed = pendingOf(slot, claim);
      file(slot, true, filed);
      return mined(new CheckpointStarted(
          slot, sender, filed.exitBlock(), filed.prevBlock(), ++claims, LogPlace.inBlock(0)));
    }

    @Override
    public L1Receipt finalizeCheckpoint(long slot) {
      var claim = checkpointClaims.get(slot).remove(sender);
      checkpoints.get(slot).remove(sender);
      OnChainCoin c = coins.get(slot);
      coins.put(
          slot,
          new OnChainCoin(
              slot,
              c.token(),
              c.kind(),
              c.value(),
              c.state(),
              claim.exitBlock(),
              sender,
              Address.ZERO));
      return receipt();
    }

    /** The game's ClaimPending: one exit and one checkpoint per owner at a time. */
    private void requireNone(PendingClaim mine, String what) {
      if (mine.exists()) {
        throw new org.plasma4j.wallet.WalletException.RootChainFailure(
            "ClaimPending: " + sender + " has a pending " + what, null);
      }
    }

    @Override
    public L1Receipt withdrawBonds() {
      return receipt();
    }

    @Override
    public BigInteger bonds() {
      return BigInteger.ZERO;
    }

    @Override
    public PendingClaim exitOf(long slot) {
      return FakeCashNet.this.exitOf(slot, sender);
    }

    @Override
    public PendingClaim checkpointOf(long slot) {
      return FakeCashNet.this.checkpointOf(slot, sender);
    }

    @Override
    public List<Claim> pendingClaims(long slot) {
      if (claimsUnknown) {
        throw new org.plasma4j.wallet.WalletException.ClaimsUnknown(
            slot, "the game counts a claim no event names");
      }
      List<Claim> out = new ArrayList<>();
      exits.getOrDefault(slot, Map.of()).values().forEach(c -> out.add(new Claim(false, c)));
      checkpoints.getOrDefault(slot, Map.of()).values().forEach(c -> out.add(new Claim(true, c)));
      return List.copyOf(out);
    }

    @Override
    public org.plasma4j.core.tx.Domain domain() {
      return domain;
    }

    @Override
    public long headTimestamp() {
      return 0;
    }
  }

  private final class Operator implements CoinOperator {
    @Override
    public Bytes32 sendCoinTransfer(byte[] signedTransfer) {
      sent.add(signedTransfer);
      SignedCoinTransfer t = SignedCoinTransfer.decode(signedTransfer);
      pending.add(t);
      if (autoBlock) {
        formBlock();
      }
      return t.transfer().hash();
    }

    @Override
    public OperatorCoin getCoin(long slot) {
      getCoinCalls++;
      CashChain.OnChainCoin c = coins.get(slot);
      if (c == null || uncreditedAnswers-- > 0) {
        throw new org.plasma4j.wallet.WalletException.OperatorError(UNKNOWN_COIN, "unknown coin");
      }
      return new OperatorCoin(
          slot, c.token(), c.kind(), c.value(), c.originOwner(), c.originBlock(), "deposited");
    }

    @Override
    public List<ProofEntry> getCoinProofs(long slot, long fromBlock, long toBlock) {
      List<ProofEntry> out = new ArrayList<>();
      for (long b = fromBlock; b <= toBlock; b += BlockNumbers.CHILD_BLOCK_INTERVAL) {
        Map<Long, SignedCoinTransfer> txs = blocks.getOrDefault(b, Map.of());
        if (txs.isEmpty()) {
          out.add(new ProofEntry(b, "empty", Optional.empty(), Optional.empty()));
          continue;
        }
        Bytes proof = CoinTree.ofTransfers(txs.values()).proof(slot).toBytes();
        SignedCoinTransfer t = txs.get(slot);
        out.add(
            t == null
                ? new ProofEntry(b, "excluded", Optional.empty(), Optional.of(proof))
                : new ProofEntry(
                    b, "included", Optional.of(Bytes.wrap(t.encode())), Optional.of(proof)));
      }
      return tamper.apply(out);
    }
  }
}
