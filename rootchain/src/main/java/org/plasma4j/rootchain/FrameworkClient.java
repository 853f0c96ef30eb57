package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.ExitGameEvents.DeferredExitRetried;
import org.plasma4j.core.rootchain.ExitGameEvents.ExitDeferred;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * A user's root-chain actions against the framework: deposit, exit, challenge, process exits and
 * withdraw. Every call waits for its receipt and fails if the transaction reverted.
 */
public final class FrameworkClient {

  private final Web3j web3j;
  private final Credentials key;
  private final Address framework;
  private final long chainId;
  private final L1Calls calls = new L1Calls();

  public FrameworkClient(Web3j web3j, Credentials key, Address framework) {
    this.web3j = web3j;
    this.key = key;
    this.framework = framework;
    try {
      this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    } catch (java.io.IOException e) {
      throw new Web3jRootChain.RootChainException("cannot read chain id", e);
    }
  }

  public Address address() {
    return Address.fromHex(key.getAddress());
  }

  private PlasmaFramework framework() {
    TransactionManager tm = Contracts.signer(web3j, key, chainId);
    return PlasmaFramework.load(
        framework.toHex(), web3j, tm, Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT));
  }

  /**
   * The framework's views as of root-chain block {@code block}, so several reads agree with one
   * another and with the events of the blocks up to it.
   */
  private PlasmaFramework frameworkAt(org.web3j.protocol.core.DefaultBlockParameter block) {
    PlasmaFramework f = framework();
    f.setDefaultBlockParameter(block);
    return f;
  }

  private static org.web3j.protocol.core.DefaultBlockParameter number(long block) {
    return org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
  }

  private DevToken token(Address token) {
    TransactionManager tm = Contracts.signer(web3j, key, chainId);
    return DevToken.load(
        token.toHex(), web3j, tm, Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT));
  }

  /**
   * Deposits ETH.
   *
   * @throws DepositCheck.Refused before sending anything if the account holds less than {@code wei}
   */
  public TransactionReceipt depositEth(BigInteger wei) {
    DepositCheck.eth(address(), wei, ethBalance(address())).ifPresent(r -> {
      throw r;
    });
    return send("depositEth", () -> framework().depositEth(wei).send());
  }

  /**
   * Approves the framework for {@code amount} and deposits it; if the deposit fails, the allowance
   * is set back to what it was.
   *
   * @throws DepositCheck.Refused before sending anything if there is no ERC20 at {@code token} or
   *     the account holds less than {@code amount}
   */
  public TransactionReceipt depositErc20(Address token, BigInteger amount) {
    TokenProbe probe = new TokenProbe(web3j);
    DepositCheck.erc20(
            TokenUnits.of(probe, token),
            address(),
            amount,
            probe.facts(token, address(), java.util.Optional.empty()))
        .ifPresent(r -> {
          throw r;
        });
    BigInteger before =
        read(() -> token(token).allowance(address().toHex(), framework.toHex()).send());
    return calls.sendApproved(
        "depositErc20",
        () -> token(token).approve(framework.toHex(), amount).send(),
        () -> framework().depositErc20(token.toHex(), amount).send(),
        () -> token(token).approve(framework.toHex(), before).send());
  }

  public TransactionReceipt startStandardExit(
      long position, byte[] txBytes, byte[] proof, long blockTimestamp) {
    BigInteger bond = exitBond();
    return send(
        "startStandardExit",
        () -> framework()
            .startStandardExit(
                BigInteger.valueOf(position),
                txBytes,
                proof,
                BigInteger.valueOf(blockTimestamp),
                bond)
            .send());
  }

  /**
   * First half of a challenge: commits to (this address, position, spending tx) without revealing.
   */
  public TransactionReceipt commitChallenge(Bytes32 commitment) {
    return send(
        "commitChallenge", () -> framework().commitChallenge(commitment.value()).send());
  }

  public TransactionReceipt challengeStandardExit(
      long position, byte[] spendingTx, int inputIndex, byte[] signature) {
    return send(
        "challengeStandardExit",
        () -> framework()
            .challengeStandardExit(
                BigInteger.valueOf(position), spendingTx, BigInteger.valueOf(inputIndex), signature)
            .send());
  }

  public TransactionReceipt processExits(Address token, int maxExits) {
    return send(
        "processExits",
        () -> framework()
            .processExits(token.toHex(), BigInteger.valueOf(maxExits))
            .send());
  }

  /** The head of a token's exit queue: the entry processExits pays next, and when it may. */
  public record QueueHead(long position, long exitableAt, long queued) {}

  /** The head of {@code token}'s exit queue, empty if the queue is. */
  public java.util.Optional<QueueHead> nextExit(Address token) {
    BigInteger length = exitQueueLength(token);
    if (length.signum() == 0) {
      return java.util.Optional.empty();
    }
    var head = read(() -> framework().nextExit(token.toHex()).send());
    return java.util.Optional.of(new QueueHead(
        head.component1().longValueExact(),
        head.component2().longValueExact(),
        length.longValueExact()));
  }

  /** {@link #nextExit(Address)} as of root-chain block {@code atBlock}. */
  public java.util.Optional<QueueHead> nextExit(Address token, long atBlock) {
    return nextExit(token, number(atBlock));
  }

  /**
   * {@link #nextExit(Address)} as of root-chain block {@code atBlock} (e.g. a {@link BlockByHash}).
   */
  public java.util.Optional<QueueHead> nextExit(
      Address token, org.web3j.protocol.core.DefaultBlockParameter atBlock) {
    PlasmaFramework at = frameworkAt(atBlock);
    BigInteger length = read(() -> at.exitQueueLength(token.toHex()).send());
    if (length.signum() == 0) {
      return java.util.Optional.empty();
    }
    var head = read(() -> at.nextExit(token.toHex()).send());
    return java.util.Optional.of(new QueueHead(
        head.component1().longValueExact(),
        head.component2().longValueExact(),
        length.longValueExact()));
  }

  /** Root-chain block {@code block}'s timestamp. */
  public long blockTimestamp(long block) {
    return read(() -> web3j
        .ethGetBlockByNumber(
            org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact());
  }

  /**
   * The timestamp of the root-chain block with hash {@code hash}; fails once a reorg dropped it.
   */
  public long blockTimestamp(org.plasma4j.core.types.Bytes32 hash) {
    return read(() -> web3j
        .ethGetBlockByHash(hash.toHex(), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact());
  }

  /** The latest root-chain block's timestamp: what processExits compares exitable times with. */
  public long latestTimestamp() {
    return read(() -> web3j
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact());
  }

  /** The framework's minimum exit period in seconds (immutable, set at deployment). */
  public long minExitPeriod() {
    return read(() -> framework().minExitPeriod().send().longValueExact());
  }

  /**
   * A queue entry whose game reverted in processExits ({@code ExitDeferred}) and still waits for
   * retryExit.
   */
  public record DeferredExit(BigInteger entry, long position, String reason, long block) {}

  /**
   * The entries of {@code token} deferred since root-chain block {@code fromBlock} that are still
   * deferred ({@code isExitDeferred}): their ExitDeferred events, minus the entries retried since.
   */
  public java.util.List<DeferredExit> deferredExits(Address token, long fromBlock) {
    Web3jL1Events stream = new Web3jL1Events(web3j, framework);
    java.util.Map<BigInteger, ExitDeferred> deferred = new java.util.LinkedHashMap<>();
    for (L1Event event : stream.events(fromBlock, stream.headBlockNumber())) {
      switch (event) {
        case ExitDeferred e -> {
          if (e.token().equals(token)) {
            deferred.put(e.entry(), e);
          }
        }
        case DeferredExitRetried e -> {
          if (e.token().equals(token)) {
            deferred.remove(e.entry());
          }
        }
        default -> {}
      }
    }
    java.util.List<DeferredExit> open = new java.util.ArrayList<>();
    for (ExitDeferred e : deferred.values()) {
      if (read(() -> framework().isExitDeferred(token.toHex(), e.entry()).send())) {
        String reason = e.reason().toHex();
        open.add(new DeferredExit(
            e.entry(),
            e.entry().shiftRight(128).longValue(),
            RevertReasons.explainData(reason).orElse(reason),
            e.l1Block()));
      }
    }
    return java.util.List.copyOf(open);
  }

  /** Whether queue entry {@code entry} of {@code token} waits for retryExit. */
  public boolean isExitDeferred(Address token, BigInteger entry) {
    return read(() -> framework().isExitDeferred(token.toHex(), entry).send());
  }

  /** Finalises a deferred entry ({@code retryExit}) and pays this account its bounty. */
  public TransactionReceipt retryExit(Address token, BigInteger entry) {
    return send("retryExit", () -> framework().retryExit(token.toHex(), entry).send());
  }

  /**
   * When the standard exit a receipt of startStandardExit started can be processed: the ExitStarted
   * that {@code framework} emitted (a log of the same shape from any other contract is not its).
   */
  public static java.util.Optional<Long> exitableAt(TransactionReceipt receipt, Address framework) {
    return ReceiptLogs.of(receipt, framework, PlasmaFramework.EXITSTARTED_EVENT).stream()
        .findFirst()
        .map(l -> PlasmaFramework.getExitStartedEventFromLog(l).exitableAt.longValueExact());
  }

  /** One payout the framework reported: to {@code owner}, {@code amount} of {@code token}. */
  public record Payout(Address owner, Address token, BigInteger amount) {}

  /**
   * What a processExits or retryExit receipt says the framework did: standard exits paid
   * ({@code ExitFinalized}), omitted ({@code ExitOmitted}), entries deferred ({@code ExitDeferred})
   * and retried ({@code DeferredExitRetried}), the parts of payouts the vault could not cover
   * ({@code PayoutShort}: an exit's whole amount, or the part of a bond beyond the bonds it holds,
   * each reported on its own; neither paid nor credited) and payouts that failed and were credited
   * to the owner's withdrawable balance ({@code PayoutFailed}).
   */
  public record ExitsOutcome(
      int finalized,
      int omitted,
      int deferred,
      int retried,
      java.util.List<Payout> shortPaid,
      java.util.List<Payout> failed) {}

  /**
   * The framework's own events in {@code receipt} (no other contract's log of the same shape
   * counts).
   */
  public static ExitsOutcome exitsOutcome(TransactionReceipt receipt, Address framework) {
    return new ExitsOutcome(
        ReceiptLogs.of(receipt, framework, PlasmaFramework.EXITFINALIZED_EVENT).size(),
        ReceiptLogs.of(receipt, framework, PlasmaFramework.EXITOMITTED_EVENT).size(),
        ReceiptLogs.of(receipt, framework, PlasmaFramework.EXITDEFERRED_EVENT).size(),
        ReceiptLogs.of(receipt, framework, PlasmaFramework.DEFERREDEXITRETRIED_EVENT)
            .size(),
        ReceiptLogs.of(receipt, framework, PlasmaFramework.PAYOUTSHORT_EVENT).stream()
            .map(PlasmaFramework::getPayoutShortEventFromLog)
            .map(e -> new Payout(Address.fromHex(e.owner), Address.fromHex(e.token), e.amount))
            .toList(),
        ReceiptLogs.of(receipt, framework, PlasmaFramework.PAYOUTFAILED_EVENT).stream()
            .map(PlasmaFramework::getPayoutFailedEventFromLog)
            .map(e -> new Payout(Address.fromHex(e.owner), Address.fromHex(e.token), e.amount))
            .toList());
  }

  /** The DepositCreated that this client's framework emitted in {@code receipt}, if any. */
  public java.util.Optional<PlasmaFramework.DepositCreatedEventResponse> depositCreated(
      TransactionReceipt receipt) {
    return ReceiptLogs.of(receipt, framework, PlasmaFramework.DEPOSITCREATED_EVENT).stream()
        .findFirst()
        .map(PlasmaFramework::getDepositCreatedEventFromLog);
  }

  public TransactionReceipt withdraw(Address token) {
    return send("withdraw", () -> framework().withdraw(token.toHex()).send());
  }

  /** The framework's commitment to child block {@code blkNum}: zero if it has none. */
  public org.plasma4j.core.types.Bytes32 blockCommitment(long blkNum) {
    return new org.plasma4j.core.types.Bytes32(
        read(() -> framework().blockCommitment(BigInteger.valueOf(blkNum)).send()));
  }

  /** {@link #blockCommitment(long)} as of root-chain block {@code atBlock}. */
  public org.plasma4j.core.types.Bytes32 blockCommitment(long blkNum, long atBlock) {
    return blockCommitment(blkNum, number(atBlock));
  }

  /** {@link #blockCommitment(long)} as of root-chain block {@code atBlock}. */
  public org.plasma4j.core.types.Bytes32 blockCommitment(
      long blkNum, org.web3j.protocol.core.DefaultBlockParameter atBlock) {
    return new org.plasma4j.core.types.Bytes32(read(
        () -> frameworkAt(atBlock).blockCommitment(BigInteger.valueOf(blkNum)).send()));
  }

  /** The number the framework gives its next child block. */
  public long nextChildBlock() {
    return read(() -> framework().nextChildBlock().send()).longValueExact();
  }

  public BigInteger exitBond() {
    return read(() -> framework().exitBond().send());
  }

  public BigInteger exitQueueLength(Address token) {
    return read(() -> framework().exitQueueLength(token.toHex()).send());
  }

  /**
   * A standard exit as the framework records it; {@code state} 0 none, 1 exiting, 2 challenged, 3
   * exited.
   */
  public record StandardExit(Address owner, Address token, BigInteger amount, int state) {}

  public StandardExit standardExit(long position) {
    var e = read(() -> framework().exits(BigInteger.valueOf(position)).send());
    return new StandardExit(
        Address.fromHex(e.component1()),
        Address.fromHex(e.component2()),
        e.component3(),
        e.component4().intValueExact());
  }

  /** The standard exit's state: 0 none, 1 exiting, 2 challenged, 3 exited. */
  public int standardExitState(long position) {
    return read(() ->
        framework().exits(BigInteger.valueOf(position)).send().component4().intValueExact());
  }

  /** What the vault owes {@code who} in {@code token} after a push payout to it failed. */
  public BigInteger withdrawable(Address who, Address token) {
    return read(() -> framework().withdrawable(who.toHex(), token.toHex()).send());
  }

  public boolean isExited(long position) {
    return read(() -> framework().isExited(BigInteger.valueOf(position)).send());
  }

  /**
   * Where a transaction stands: mined (applied or reverted, and in which block), pending, or
   * unknown.
   */
  public L1TxStatus txStatus(String txHash) {
    return read(() -> {
      var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
      if (receipt.isPresent() && receipt.get().getBlockNumberRaw() != null) {
        long block = receipt.get().getBlockNumber().longValueExact();
        return receipt.get().isStatusOK()
            ? new L1TxStatus.Mined(block)
            : new L1TxStatus.Reverted(block);
      }
      return web3j.ethGetTransactionByHash(txHash).send().getTransaction().isPresent()
          ? new L1TxStatus.Pending()
          : new L1TxStatus.Unknown();
    });
  }

  public BigInteger ethBalance(Address who) {
    return read(() -> web3j
        .ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance());
  }

  public BigInteger tokenBalance(Address token, Address who) {
    return read(() -> token(token).balanceOf(who.toHex()).send());
  }

  /** Development chains only: mints test tokens (the caller must be the token's deployer). */
  public TransactionReceipt mint(Address token, Address to, BigInteger amount) {
    return send("mint", () -> token(token).mint(to.toHex(), amount).send());
  }

  /** Wei this client has paid in gas so far, so callers can reconcile L1 balances exactly. */
  public BigInteger gasCostWei() {
    return calls.gasCostWei();
  }

  private TransactionReceipt send(String what, L1Calls.Call<TransactionReceipt> call) {
    return calls.send(what, call);
  }

  private static <T> T read(L1Calls.Call<T> call) {
    return L1Calls.read(call);
  }
}
