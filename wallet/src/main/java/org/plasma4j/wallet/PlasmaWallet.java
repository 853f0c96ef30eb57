package org.plasma4j.wallet;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.OperatorClient.ChainInfo;
import org.plasma4j.wallet.OperatorClient.ChallengeData;
import org.plasma4j.wallet.OperatorClient.ExitData;
import org.plasma4j.wallet.OperatorClient.TransactionStatus;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.RootChainActions.MassExit;
import org.plasma4j.wallet.WalletException.InvalidInput;
import org.plasma4j.wallet.WalletException.NotYourOutput;
import org.plasma4j.wallet.WalletException.OperatorError;
import org.plasma4j.wallet.WalletException.UnknownPosition;

/**
 * A user's Plasma wallet: balances, child-chain payments through the operator, and the root-chain
 * actions of the exit game (deposit, exit, challenge, process exits, withdraw). One key, one
 * operator, one framework.
 */
public final class PlasmaWallet {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final WalletKey key;
  private final OperatorClient operator;
  private final RootChainActions rootChain;
  private volatile ChainInfo chainInfo;
  private volatile Domain domain;
  /** Blocks found uncommitted among a payment's picked inputs before the plan is given up. */
  static final int MAX_UNCOMMITTED_BLOCKS = 32;

  private final InFlightBook inFlight = new InFlightBook();

  public PlasmaWallet(WalletKey key, OperatorClient operator, RootChainActions rootChain) {
    this.key = key;
    this.operator = operator;
    this.rootChain = rootChain;
  }

  /** This wallet's key and root chain with another client of the operator. */
  public PlasmaWallet withOperator(OperatorClient other) {
    return new PlasmaWallet(key, other, rootChain);
  }

  /**
   * A wallet for an operator, a root-chain node and a pinned framework. Every signature is bound to
   * the root chain's domain ({@link #domain()}), never to the operator's word; the root chain is
   * contacted only by root-chain actions and the first signature.
   */
  public static PlasmaWallet connect(
      WalletKey key, String operatorUrl, String ethRpcUrl, Address framework) {
    java.util.Objects.requireNonNull(framework, "framework");
    return connect(key, operatorUrl, ethRpcUrl, () -> framework);
  }

  /**
   * As {@link #connect(WalletKey, String, String, Address)}, the framework asked for only when
   * first needed (so a command that never signs nor touches the root chain needs none).
   */
  public static PlasmaWallet connect(
      WalletKey key,
      String operatorUrl,
      String ethRpcUrl,
      java.util.function.Supplier<Address> framework) {
    OperatorClient operator = OperatorClient.connect(operatorUrl);
    return new PlasmaWallet(key, operator, new FrameworkRootChain(ethRpcUrl, key, framework));
  }

  public Address address() {
    return key.address();
  }

  public OperatorClient operator() {
    return operator;
  }

  /**
   * The operator's chain parameters, fetched once: its word only, compared with {@link #domain()}.
   */
  public ChainInfo chainInfo() {
    ChainInfo info = chainInfo;
    if (info == null) {
      info = operator.getChainInfo();
      chainInfo = info;
    }
    return info;
  }

  /**
   * The EIP-712 domain every payment and consent is signed under, checked once: the root chain's
   * chain id and the pinned framework, which the framework's {@code domainSeparator()} confirms,
   * and which the operator must name too.
   *
   * @throws WalletException.DomainMismatch if the framework's separator or the operator disagrees
   */
  public Domain domain() {
    Domain d = domain;
    if (d == null) {
      d = PinnedDomain.agreed(rootChain.domain(), chainInfo());
      domain = d;
    }
    return d;
  }

  /**
   * This wallet's unspent child-chain outputs, oldest first: {@link OperatorClient#getUtxos} reads
   * only the owner's outputs, in increasing positions, and refuses any other answer. Past its pages
   * bound (200,000 outputs) the listing is what was read, marked incomplete.
   */
  public UtxoListing listing() {
    return operator.getUtxos(address());
  }

  /** The outputs of {@link #listing()}: the first 200,000 if it is incomplete. */
  public List<Utxo> utxos() {
    return listing().outputs();
  }

  /**
   * Child-chain balance per token: the sum of the wallet's listed outputs, a lower bound when the
   * listing is incomplete ({@link #listing()} says so and sums the same).
   */
  public Map<Address, BigInteger> l2Balances() {
    return listing().balances();
  }

  /** {@link #l2Balances()} of one token. */
  public BigInteger l2Balance(Address token) {
    return l2Balances().getOrDefault(token, BigInteger.ZERO);
  }

  /** Root-chain balance of ETH (token zero) or an ERC20. */
  public BigInteger l1Balance(Address token) {
    return rootChain.balance(token);
  }

  /**
   * A signed payment ready to submit, with the inputs it spends, the fee it pays, and the exit data
   * of its inputs that the wallet checked before signing (kept for an in-flight exit on submit).
   */
  public record Payment(
      SignedTransaction signed,
      List<Utxo> inputs,
      Address feeToken,
      BigInteger fee,
      List<StandardExitData> inputData) {
    public Payment {
      inputs = List.copyOf(inputs);
      inputData = List.copyOf(inputData);
    }

    public Bytes32 txHash() {
      return signed.txHash();
    }
  }

  /**
   * Plans and signs a payment from the current UTXOs and fee schedule, without sending it. From an
   * incomplete listing it pays from the outputs read; if they cannot cover it, the shortfall says
   * that the wallet holds more outputs than were read.
   *
   * <p>The listing is the operator's word and a payment names its inputs by position only, so the
   * plan prefers outputs of blocks the root chain committed, and every input it chooses is checked
   * before signing ({@link ListingCheck}) against the root chain's commitment to its block; an
   * input of a block not committed yet is refused, since its position is bound to no transaction
   * yet.
   *
   * @throws WalletException.ListingRefuted if a chosen input is not what the operator listed;
   *     nothing is signed
   */
  public Payment buildPayment(Address to, Address token, BigInteger amount) {
    UtxoListing listing = listing();
    Map<Address, BigInteger> fees = operator.getFeeSchedule();
    PaymentPlanner.Plan plan;
    try {
      plan = PaymentPlanner.plan(address(), listing.outputs(), to, token, amount, fees);
    } catch (WalletException.InsufficientFunds e) {
      if (listing.complete()) {
        throw e;
      }
      throw new WalletException.InsufficientFunds(
          e.token(),
          e.needed(),
          e.available(),
          "from the first " + listing.outputs().size() + " outputs the operator listed; this"
              + " wallet holds more than one listing reads");
    }
    domain();
    Map<Long, Bytes32> commitments = new HashMap<>();
    PaymentPlanner.Plan fromCommitted = plan;
    Set<Long> uncommitted = new HashSet<>();
    while (true) {
      // the planner's choice among all outputs but those of blocks known uncommitted is its choice
      // among the committed ones as soon as it picks no other: one L1 read per block it picks
      List<Long> found = fromCommitted.inputs().stream()
          .map(Utxo::blkNum)
          .filter(b -> commitment(commitments, b).equals(Bytes32.ZERO))
          .toList();
      if (found.isEmpty()) {
        plan = fromCommitted;
        break;
      }
      uncommitted.addAll(found);
      if (uncommitted.size() > MAX_UNCOMMITTED_BLOCKS) {
        // a listing of outputs in ever new uncommitted blocks would cost a root-chain read and a
        // re-plan of the whole listing per block; the check refuses this plan's uncommitted input
        plan = fromCommitted;
        break;
      }
      List<Utxo> rest = listing.outputs().stream()
          .filter(u -> !uncommitted.contains(u.blkNum()))
          .toList();
      try {
        fromCommitted = PaymentPlanner.plan(address(), rest, to, token, amount, fees);
      } catch (WalletException.InsufficientFunds e) {
        // the committed outputs fall short: the plan from the whole listing stands, and the check
        // refuses its first uncommitted input, naming the block to wait for
        break;
      }
    }
    List<StandardExitData> checked = new ArrayList<>();
    for (Utxo input : plan.inputs()) {
      checked.add(checkListed(input, commitment(commitments, input.blkNum())));
    }
    return new Payment(sign(plan.tx()), plan.inputs(), plan.feeToken(), plan.fee(), checked);
  }

  /** The root chain's commitment to {@code blkNum}, read once per payment. */
  private Bytes32 commitment(Map<Long, Bytes32> read, long blkNum) {
    return read.computeIfAbsent(blkNum, this::blockCommitment);
  }

  /** {@link ListingCheck#verify} of a listed output against the operator's exit data for it. */
  private StandardExitData checkListed(Utxo listed, Bytes32 commitment) {
    ListingCheck.requireCommitted(listed, commitment);
    ExitData data;
    try {
      data = operator.getExitData(listed.position());
    } catch (OperatorError e) {
      if (e.code() != OperatorError.NOT_FOUND) {
        throw e;
      }
      throw new WalletException.ListingRefuted(
          listed.position(), "the operator serves no exit data for it");
    }
    return ListingCheck.verify(listed, address(), data, commitment);
  }

  /**
   * Submits a built payment; returns its hash once the operator has persisted it. First keeps the
   * transaction and its inputs' exit data, which an in-flight exit needs if the operator then
   * withholds the block (MoreVP).
   */
  public Bytes32 submit(Payment payment) {
    inFlight.remember(payment.signed(), payment.inputData());
    return operator.sendTransaction(payment.signed());
  }

  /** Signs a transaction whose inputs are all this wallet's outputs. */
  public SignedTransaction sign(Transaction tx) {
    return TransactionSigner.sign(
        tx, domain(), Collections.nCopies(tx.inputs().size(), key.privateKey()));
  }

  /**
   * Pays {@code amount} of {@code token} to {@code to} on the child chain, with the scheduled fee
   * and change back to this wallet.
   *
   * @return the transaction hash, once the operator has persisted the transaction
   */
  public Bytes32 send(Address to, Address token, BigInteger amount) {
    return submit(buildPayment(to, token, amount));
  }

  /**
   * Polls until the transaction is in a child block the root chain committed
   * ({@link Inclusion.Committed}): the operator's plasma_getTransaction only names the block, whose
   * commitment and contents the wallet then checks, so a block the operator formed but never
   * submitted is not taken for inclusion.
   *
   * @throws WalletException.Timeout naming what was last known (the operator's claim, not committed
   *     yet)
   */
  public TransactionStatus awaitInclusion(Bytes32 txHash, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not in a block";
    while (true) {
      try {
        TransactionStatus status = operator.getTransaction(txHash);
        if (status.isIncluded()) {
          Inclusion inclusion;
          try {
            inclusion = inclusion(status, deadline);
          } catch (WalletException.Timeout e) {
            throw new WalletException.Timeout("transaction " + txHash + " was not included within "
                + Durations.text(timeout) + ": " + e.getMessage());
          }
          if (inclusion instanceof Inclusion.Committed) {
            return status;
          }
          last = inclusion.describe();
        }
      } catch (OperatorError e) {
        if (e.code() != OperatorError.NOT_FOUND) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new WalletException.Timeout("transaction " + txHash + " was not included within "
            + Durations.text(timeout) + ": " + last);
      }
      sleep(POLL_INTERVAL);
    }
  }

  /**
   * What the root chain says of the operator's word that {@code status}'s transaction is in its
   * block: the framework's commitment to the block, and the operator's block checked against it.
   */
  public Inclusion inclusion(TransactionStatus status) {
    return inclusion(status, Long.MAX_VALUE);
  }

  /**
   * {@link #inclusion(TransactionStatus)}, the operator's block read by {@code deadlineNanos} (of
   * {@link System#nanoTime()}; Long.MAX_VALUE: none).
   *
   * @throws WalletException.Timeout if the deadline passes before the block is read
   */
  public Inclusion inclusion(TransactionStatus status, long deadlineNanos) {
    if (!status.isIncluded()) {
      throw new IllegalArgumentException("transaction " + status.txHash() + " names no block");
    }
    return inclusion(status, blockCommitment(status.blkNum()), deadlineNanos);
  }

  /** The root chain's commitment to child block {@code blkNum}; zero if it has none. */
  public Bytes32 blockCommitment(long blkNum) {
    return rootChain.blockCommitment(blkNum);
  }

  /**
   * {@link #inclusion(TransactionStatus, long)} against a commitment already read from the root
   * chain ({@link #blockCommitment}), so a caller can bound that read by its own means.
   */
  public Inclusion inclusion(TransactionStatus status, Bytes32 commitment, long deadlineNanos) {
    if (!status.isIncluded()) {
      throw new IllegalArgumentException("transaction " + status.txHash() + " names no block");
    }
    if (commitment.equals(Bytes32.ZERO)) {
      return new Inclusion.NotCommitted(status);
    }
    return Inclusion.judge(status, commitment, operator.getBlock(status.blkNum(), deadlineNanos));
  }

  /**
   * Waits until the operator serves the output at {@code position} as this wallet's: a deposit is
   * spendable once the operator has seen it with enough root-chain confirmations.
   */
  public Utxo awaitSpendable(long position, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean answered = false;
    while (true) {
      Optional<Utxo> found;
      try {
        found = operator.getUtxo(address(), position, deadline);
      } catch (WalletException.Timeout t) {
        // an operator that answered without the output, its next read cut by the deadline, did
        // answer: what it did not do is credit the output
        if (!answered) {
          throw t;
        }
        found = Optional.empty();
      }
      if (found.isPresent()) {
        return found.get();
      }
      answered = true;
      if (System.nanoTime() - deadline >= 0) {
        throw new WalletException.Timeout("the operator did not credit output " + position
            + " within " + Durations.text(timeout));
      }
      sleep(POLL_INTERVAL);
    }
  }

  /**
   * Deposits ETH (token zero) or an ERC20 into the framework; returns the new output.
   *
   * @throws WalletException.ChainFull if the framework took its last child block; nothing is sent
   */
  public Deposit deposit(Address token, BigInteger amount) {
    if (amount.signum() <= 0) {
      throw new InvalidInput("deposit amount must be positive, got " + amount);
    }
    long next = rootChain.nextChildBlock();
    if (!BlockNumbers.isWithinPositionSpace(next)) {
      throw new WalletException.ChainFull(BlockNumbers.LAST_CHILD_BLOCK, next);
    }
    return rootChain.deposit(token, amount);
  }

  /**
   * Starts the standard exit of one of this wallet's outputs, posting the exit bond. Fails before
   * touching the root chain if the operator does not know the output or it is someone else's.
   */
  /**
   * Starts the standard exit of one of this wallet's outputs unless the operator knows a spend of
   * it ({@code plasma_getChallengeData} answers): such an exit is a double spend that any watcher
   * challenges, taking the bond. {@code force} exits anyway. If the operator cannot say (it answers
   * NOT_FOUND), nothing is known against the exit and it starts.
   *
   * @throws WalletException.OutputSpent if the output is spent and {@code force} is false; nothing
   *     is sent
   */
  public L1Receipt exitUnspent(long position, boolean force) {
    position(position);
    if (!force) {
      Optional<Bytes32> spender = spendOf(position);
      if (spender.isPresent()) {
        throw new WalletException.OutputSpent(position, spender.get().toHex());
      }
    }
    return exit(position);
  }

  /**
   * The hash of the child-chain transaction that spends the output at {@code position}, if the
   * operator knows one.
   */
  public Optional<Bytes32> spendOf(long position) {
    try {
      ChallengeData c = operator.getChallengeData(position);
      return Optional.of(Keccak256.hash32(c.spendingTx().toArray()));
    } catch (OperatorError e) {
      return Optional.empty();
    }
  }

  /**
   * Starts the standard exit of the output at {@code position}, whatever its state on the child
   * chain (see {@link #exitUnspent} for the check users want).
   */
  public L1Receipt exit(long position) {
    OutputPosition pos = position(position);
    ExitData data;
    try {
      data = operator.getExitData(position);
    } catch (OperatorError e) {
      throw notFound(e, position, "the operator has no such output");
    }
    byte[] txBytes = data.txBytes().toArray();
    TxResult<Transaction> tx = TransactionDecoder.decodeTransaction(txBytes);
    if (!tx.isOk() || pos.outputIndex() >= tx.value().outputs().size()) {
      throw new UnknownPosition(position, "the operator's exit data has no such output");
    }
    Output output = tx.value().outputs().get(pos.outputIndex());
    if (!output.owner().equals(address())) {
      throw new NotYourOutput(position, output.owner(), address());
    }
    return rootChain.startStandardExit(
        position, txBytes, data.proof().toArray(), data.blockTimestamp());
  }

  /**
   * Challenges the exit of a spent output by commit and reveal (docs/protocol.md section 5):
   * commits to (this address, position, spending tx), and reveals once the commitment is mined. The
   * reveal is sent after the commit's receipt, so it always lands in a later root-chain block, as
   * the contract requires.
   *
   * @return the reveal's receipt
   */
  public L1Receipt challenge(long position) {
    position(position);
    ChallengeData data;
    try {
      data = operator.getChallengeData(position);
    } catch (OperatorError e) {
      throw notFound(e, position, "the operator knows no spend of it");
    }
    byte[] spendingTx = data.spendingTx().toArray();
    L1Receipt commit =
        rootChain.commitChallenge(challengeCommitment(address(), position, spendingTx));
    awaitRootChainBlockAfter(commit.blockNumber(), Duration.ofMinutes(2));
    return rootChain.challengeStandardExit(
        position, spendingTx, data.inputIndex(), data.signature().toArray());
  }

  /**
   * The transactions this wallet has sent since it started (kept in memory, see
   * {@link InFlightBook}).
   */
  public List<SignedTransaction> sentTransactions() {
    return inFlight.all().stream().map(InFlightBook.Entry::tx).toList();
  }

  /** A transaction this wallet sent, by hash. */
  public Optional<SignedTransaction> sentTransaction(Bytes32 txHash) {
    return inFlight.get(txHash).map(InFlightBook.Entry::tx);
  }

  /**
   * Everything startInFlightExit needs for {@code tx}: the exit data of its inputs that the wallet
   * kept when it sent the transaction, the rest asked of the operator.
   *
   * @throws UnknownPosition if neither has the data of some input
   */
  public InFlightExitData inFlightExitData(SignedTransaction tx) {
    if (!tx.tx().isPayment() || tx.tx().inputs().isEmpty()) {
      throw new InvalidInput("only a payment with inputs can exit in flight");
    }
    List<StandardExitData> kept =
        inFlight.get(tx.txHash()).map(InFlightBook.Entry::inputs).orElse(List.of());
    List<StandardExitData> inputs = new ArrayList<>();
    for (OutputPosition input : tx.tx().inputs()) {
      inputs.add(kept.stream()
          .filter(d -> d.position().equals(input))
          .findFirst()
          .or(() -> inputExitData(input))
          .orElseThrow(() -> new UnknownPosition(
              input.encode(), "no exit data for this input of the transaction")));
    }
    try {
      return new InFlightExitData(tx, inputs);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("cannot exit " + tx.txHash() + " in flight: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the in-flight exit of {@code tx} (MoreVP), posting the in-flight exit bond. Anyone
   * holding the signed transaction may start it; the owners then piggyback what they want paid.
   */
  public L1Receipt startInFlightExit(SignedTransaction tx) {
    return rootChain.startInFlightExit(inFlightExitData(tx));
  }

  /** Starts the in-flight exit of a transaction this wallet sent. */
  public L1Receipt startInFlightExit(Bytes32 sentTxHash) {
    SignedTransaction tx = sentTransaction(sentTxHash)
        .orElseThrow(() -> new InvalidInput("this wallet did not send " + sentTxHash));
    return startInFlightExit(tx);
  }

  /**
   * Piggybacks this wallet's input {@code inputIndex} of an in-flight exit: paid if the transaction
   * turns out non-canonical. Fails before touching the root chain if the input is someone else's.
   */
  public L1Receipt piggybackInput(SignedTransaction tx, int inputIndex) {
    if (inputIndex < 0 || inputIndex >= tx.tx().inputs().size()) {
      throw new InvalidInput("the transaction has no input " + inputIndex);
    }
    Output spent = inFlightExitData(tx).input(inputIndex);
    if (!spent.owner().equals(address())) {
      throw new NotYourOutput(tx.tx().inputs().get(inputIndex).encode(), spent.owner(), address());
    }
    return rootChain.piggybackInFlightExit(Bytes.wrap(tx.txBytes()), false, inputIndex);
  }

  /**
   * Piggybacks this wallet's output {@code outputIndex} of an in-flight exit: paid if the
   * transaction turns out canonical. Fails before touching the root chain if the output is someone
   * else's.
   */
  public L1Receipt piggybackOutput(Transaction tx, int outputIndex) {
    if (outputIndex < 0 || outputIndex >= tx.outputs().size()) {
      throw new InvalidInput("the transaction has no output " + outputIndex);
    }
    Address owner = tx.outputs().get(outputIndex).owner();
    if (!owner.equals(address())) {
      throw new InvalidInput("output " + outputIndex + " of the transaction belongs to " + owner
          + ", not to this wallet");
    }
    return rootChain.piggybackInFlightExit(Bytes.wrap(tx.encode()), true, outputIndex);
  }

  /**
   * Signs this wallet's consent for {@code initiator} to include its output in a mass exit started
   * no later than {@code deadline} (root-chain seconds), beside outputs of blocks up to
   * {@code maxBlock} only: pass the last block this wallet's owner holds valid (checked by a
   * watcher), never a block it has not checked. Only that initiator can use it.
   *
   * <p>The deadline must lie within one minimum exit period of the root chain's latest block:
   * {@code maxBlock} bounds the blocks a batch draws from, not when it starts, and a batch started
   * more than one exit period after the first child block past {@code maxBlock} is queued behind an
   * exit of a forgery in that block, which the vault pays first. A consent that expires within one
   * exit period of its signing cannot be used that late as long as the owner's watcher vouched for
   * {@code maxBlock} no earlier than the signing.
   */
  public MassExitConsent consentToMassExit(
      long position, Address initiator, long deadline, long maxBlock) {
    OutputPosition pos = position(position);
    if (maxBlock < pos.blkNum()) {
      throw new InvalidInput(
          "a consent bounded at block " + maxBlock + " admits no batch holding output " + position);
    }
    Bytes32 separator = domain().separator();
    long now = rootChain.latestTimestamp();
    long latestDeadline = now + rootChain.minExitPeriod();
    if (deadline > latestDeadline) {
      throw new InvalidInput("CONSENT_DEADLINE_TOO_LATE: a consent deadline of " + deadline
          + " is more than one exit period past the root chain's time " + now + " (at most "
          + latestDeadline
          + "): the initiator could start the batch behind an exit of a block past the bound");
    }
    if (deadline < now) {
      throw new InvalidInput("CONSENT_EXPIRED: a consent deadline of " + deadline
          + " is before the root chain's time " + now);
    }
    MassExitBatch.Consent c = MassExitBatch.signConsent(
        key.privateKey(), position, initiator, deadline, maxBlock, separator);
    return new MassExitConsent(position, initiator, deadline, maxBlock, c.signature());
  }

  /** Starts one mass exit of this wallet's outputs at {@code positions}, all of {@code token}. */
  public MassExit massExit(Address token, List<Long> positions) {
    return massExit(token, positions, List.of());
  }

  /**
   * Starts one mass exit of many outputs of {@code token} in a single root-chain transaction, one
   * bond per output: this wallet's outputs at {@code positions} and other owners' outputs they
   * consented to. Each output's data comes from the operator; it is checked (owner, token) before
   * the root chain is touched. Each owner is paid its own outputs when the batch is processed and
   * withdrawn.
   */
  public MassExit massExit(Address token, List<Long> positions, List<MassExitConsent> consents) {
    List<MassExitBatch.Exiting> outputs = new ArrayList<>();
    positions.forEach(p -> outputs.add(exiting(p, Optional.empty())));
    for (MassExitConsent c : consents) {
      if (!c.initiator().equals(address())) {
        throw new InvalidInput("cannot mass exit: the consent for "
            + c.position()
            + " names "
            + c.initiator()
            + " as initiator, not this wallet");
      }
      outputs.add(exiting(
          c.position(),
          Optional.of(new MassExitBatch.Consent(c.signature(), c.deadline(), c.maxBlock()))));
    }
    MassExitBatch batch;
    try {
      batch = MassExitBatch.of(token, address(), outputs, domain().separator());
    } catch (MassExitBatch.InvalidBatchException e) {
      throw new InvalidInput("cannot mass exit: " + e.getMessage(), e);
    }
    return rootChain.startMassExit(batch);
  }

  /** Pays the unchallenged outputs of a processed mass exit to their owners. */
  public L1Receipt withdrawMassExit(MassExit batch) {
    return rootChain.withdrawMassExit(batch.batchId(), batch.leaves());
  }

  /**
   * An output for a batch, from the operator's exit data; refused early if not ours and no consent.
   */
  private MassExitBatch.Exiting exiting(long position, Optional<MassExitBatch.Consent> consent) {
    OutputPosition pos = position(position);
    ExitData data;
    try {
      data = operator.getExitData(position);
    } catch (OperatorError e) {
      throw notFound(e, position, "the operator has no such output");
    }
    TxResult<Transaction> tx =
        TransactionDecoder.decodeTransaction(data.txBytes().toArray());
    if (!tx.isOk() || pos.outputIndex() >= tx.value().outputs().size()) {
      throw new UnknownPosition(position, "the operator's exit data has no such output");
    }
    Address owner = tx.value().outputs().get(pos.outputIndex()).owner();
    if (consent.isEmpty() && !owner.equals(address())) {
      throw new NotYourOutput(position, owner, address());
    }
    return new MassExitBatch.Exiting(
        pos, tx.value(), CompressedProof.compress(data.proof()), data.blockTimestamp(), consent);
  }

  /** The operator's exit data for an output, empty if it does not serve it (yet). */
  private Optional<StandardExitData> inputExitData(OutputPosition position) {
    try {
      ExitData d = operator.getExitData(position.encode());
      return Optional.of(
          new StandardExitData(position, d.txBytes(), d.proof(), d.blockTimestamp()));
    } catch (OperatorError | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Pays out up to {@code maxExits} matured exits of a token; the caller earns their bounties. */
  public L1Receipt processExits(Address token, int maxExits) {
    if (maxExits <= 0) {
      throw new InvalidInput("max exits must be positive, got " + maxExits);
    }
    return rootChain.processExits(token, maxExits);
  }

  /**
   * The head of {@code token}'s exit queue (empty if nothing is queued), so no one pays gas for
   * nothing.
   */
  public Optional<RootChainActions.QueueHead> nextExit(Address token) {
    return rootChain.nextExit(token);
  }

  /** The framework's record of the standard exit of {@code position}. */
  public RootChainActions.StandardExit standardExit(long position) {
    return rootChain.standardExit(position);
  }

  /** The root chain's clock: the latest block's timestamp, in seconds. */
  public long rootChainTime() {
    return rootChain.latestTimestamp();
  }

  /**
   * Exits of {@code token} that processExits deferred (their game reverted) since
   * {@code fromBlock}, not retried yet.
   */
  public List<RootChainActions.DeferredExit> deferredExits(Address token, long fromBlock) {
    return rootChain.deferredExits(token, fromBlock);
  }

  /**
   * Finalises a deferred exit entry of {@code token}; this wallet earns its bounty.
   *
   * @throws InvalidInput before sending anything if the entry is not deferred (never was, or was
   *     retried)
   */
  public L1Receipt retryExit(Address token, BigInteger entry) {
    if (entry.signum() <= 0) {
      throw new InvalidInput("an exit queue entry is a positive number, got " + entry);
    }
    if (!rootChain.isExitDeferred(token, entry)) {
      throw new InvalidInput(
          "exit queue entry " + entry + " is not deferred (it never was, or it was retried):"
              + " nothing to retry; 'wallet process-exits' lists the deferred ones");
    }
    return rootChain.retryExit(token, entry);
  }

  /** When the standard exit started by root-chain transaction {@code l1TxHash} can be processed. */
  /**
   * What the framework's events in a processExits or retryExit receipt say it paid, deferred and
   * could not pay.
   */
  public Optional<org.plasma4j.rootchain.FrameworkClient.ExitsOutcome> exitsOutcome(
      String l1TxHash) {
    return rootChain.exitsOutcome(l1TxHash);
  }

  public Optional<Long> exitableAt(String l1TxHash) {
    return rootChain.exitableAt(l1TxHash);
  }

  /** The outcome of root-chain transaction {@code l1TxHash}, empty if it is not mined. */
  public Optional<RootChainActions.L1Status> l1Status(String l1TxHash) {
    return rootChain.l1Status(l1TxHash);
  }

  /** Pulls payouts that could not be pushed to this wallet when its exits were processed. */
  public L1Receipt withdraw(Address token) {
    return rootChain.withdraw(token);
  }

  public BigInteger exitBond() {
    return rootChain.exitBond();
  }

  /**
   * keccak256(abi.encode(challenger, position, keccak256(spendingTx))), what commitChallenge takes.
   */
  public static Bytes32 challengeCommitment(Address challenger, long position, byte[] spendingTx) {
    return new Bytes32(
        Keccak256.hashConcat(Abi.word(challenger), Abi.word(position), Keccak256.hash(spendingTx)));
  }

  /**
   * Waits until the root chain's head has reached {@code block}: a transaction sent now is then
   * mined in a block after it. (On an automining chain the head is already there.)
   */
  private void awaitRootChainBlockAfter(long block, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (rootChain.headBlockNumber() < block) {
      if (System.nanoTime() > deadline) {
        throw new WalletException.Timeout("the root chain did not reach block " + block);
      }
      sleep(POLL_INTERVAL);
    }
  }

  private static OutputPosition position(long position) {
    try {
      return OutputPosition.decode(position);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("not an output position: " + position + " (" + e.getMessage() + ")");
    }
  }

  private static WalletException notFound(OperatorError e, long position, String what) {
    return e.code() == OperatorError.NOT_FOUND ? new UnknownPosition(position, what) : e;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletException.Timeout("interrupted");
    }
  }
}
