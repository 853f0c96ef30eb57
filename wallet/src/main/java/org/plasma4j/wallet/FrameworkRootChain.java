package org.plasma4j.wallet;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.rootchain.DepositCheck;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.OnChainDomain;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * {@link RootChainActions} over the rootchain module's {@link FrameworkClient}. The connection is
 * opened on first use, so a wallet that only pays on the child chain never needs the root chain to
 * be up.
 */
public final class FrameworkRootChain implements RootChainActions, AutoCloseable {

  private final String ethRpcUrl;
  private final WalletKey key;
  private final Supplier<Address> framework;
  private Web3j web3j;
  private FrameworkClient client;
  private Address frameworkAddress;
  private InFlightExitClient inFlightExits;
  private MassExitClient massExits;

  /**
   * @param framework the pinned PlasmaFramework address, asked for only when the first call is made
   *     (never the operator's word: every signature is bound to it)
   */
  public FrameworkRootChain(String ethRpcUrl, WalletKey key, Supplier<Address> framework) {
    this.ethRpcUrl = ethRpcUrl;
    this.key = key;
    this.framework = framework;
  }

  private synchronized FrameworkClient client() {
    if (client == null) {
      Address fw = framework.get();
      frameworkAddress = fw;
      web3j = Web3j.build(new HttpService(ethRpcUrl));
      try {
        client = new FrameworkClient(web3j, key.credentials(), fw);
      } catch (RuntimeException e) {
        web3j.shutdown();
        web3j = null;
        throw new WalletException.RootChainFailure(
            "root chain unreachable at " + ethRpcUrl + " (" + e.getMessage() + ")", e);
      }
    }
    return client;
  }

  @Override
  public Deposit deposit(Address token, BigInteger amount) {
    TransactionReceipt receipt =
        call(c -> token.isZero() ? c.depositEth(amount) : c.depositErc20(token, amount));
    // the framework's own DepositCreated: a token called during the deposit can emit one of the
    // same shape
    var event = call(c -> c.depositCreated(receipt))
        .orElseThrow(() -> new WalletException.RootChainFailure(
            "deposit " + receipt.getTransactionHash()
                + " was mined but the framework emitted no DepositCreated",
            null));
    return new Deposit(
        l1(receipt), OutputPosition.of(event.blkNum.longValueExact(), 0, 0).encode(), event.amount);
  }

  @Override
  public Bytes32 blockCommitment(long blkNum) {
    return call(c -> c.blockCommitment(blkNum));
  }

  @Override
  public L1Receipt startStandardExit(
      long position, byte[] txBytes, byte[] proof, long blockTimestamp) {
    return l1(call(c -> c.startStandardExit(position, txBytes, proof, blockTimestamp)));
  }

  @Override
  public L1Receipt commitChallenge(Bytes32 commitment) {
    return l1(call(c -> c.commitChallenge(commitment)));
  }

  @Override
  public L1Receipt challengeStandardExit(
      long position, byte[] spendingTx, int inputIndex, byte[] signature) {
    return l1(call(c -> c.challengeStandardExit(position, spendingTx, inputIndex, signature)));
  }

  @Override
  public L1Receipt processExits(Address token, int maxExits) {
    return l1(call(c -> c.processExits(token, maxExits)));
  }

  @Override
  public L1Receipt withdraw(Address token) {
    return l1(call(c -> c.withdraw(token)));
  }

  @Override
  public L1Receipt startInFlightExit(InFlightExitData data) {
    return l1(game(() -> inFlightExits().startInFlightExit(data)));
  }

  @Override
  public L1Receipt piggybackInFlightExit(Bytes inFlightTx, boolean output, int index) {
    return l1(game(() -> output
        ? inFlightExits().piggybackOnOutput(inFlightTx, index)
        : inFlightExits().piggybackOnInput(inFlightTx, index)));
  }

  @Override
  public MassExit startMassExit(MassExitBatch batch) {
    MassExitClient.Started started = game(() -> massExits().startMassExit(batch));
    return new MassExit(l1(started.receipt()), started.batchId(), started.leaves());
  }

  @Override
  public L1Receipt withdrawMassExit(BigInteger batchId, List<MassExitLeaf> leaves) {
    return l1(game(() -> massExits().withdrawMassExit(batchId, leaves)));
  }

  /** The exit games' clients, found through the framework's registry on first use. */
  private synchronized InFlightExitClient inFlightExits() {
    if (inFlightExits == null) {
      client();
      inFlightExits = InFlightExitClient.forFramework(web3j, key.credentials(), frameworkAddress);
    }
    return inFlightExits;
  }

  private synchronized MassExitClient massExits() {
    if (massExits == null) {
      client();
      massExits = MassExitClient.forFramework(web3j, key.credentials(), frameworkAddress);
    }
    return massExits;
  }

  private static <T> T game(Supplier<T> call) {
    try {
      return call.get();
    } catch (WalletException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WalletException.RootChainFailure("root chain: " + e.getMessage(), e);
    }
  }

  @Override
  public Domain domain() {
    client();
    return game(() -> PinnedDomain.onChain(() -> OnChainDomain.read(web3j, frameworkAddress)));
  }

  @Override
  public BigInteger balance(Address token) {
    return call(
        c -> token.isZero() ? c.ethBalance(key.address()) : c.tokenBalance(token, key.address()));
  }

  @Override
  public BigInteger exitBond() {
    return call(FrameworkClient::exitBond);
  }

  @Override
  public long nextChildBlock() {
    return call(FrameworkClient::nextChildBlock);
  }

  @Override
  public long headBlockNumber() {
    return call(c -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
  }

  @Override
  public StandardExit standardExit(long position) {
    return call(c -> {
      var e = c.standardExit(position);
      return new StandardExit(e.owner(), e.token(), e.amount(), e.state());
    });
  }

  @Override
  public java.util.Optional<QueueHead> nextExit(Address token) {
    return call(
        c -> c.nextExit(token).map(h -> new QueueHead(h.position(), h.exitableAt(), h.queued())));
  }

  @Override
  public long latestTimestamp() {
    return call(FrameworkClient::latestTimestamp);
  }

  @Override
  public long minExitPeriod() {
    return call(FrameworkClient::minExitPeriod);
  }

  @Override
  public List<DeferredExit> deferredExits(Address token, long fromBlock) {
    return call(c -> c.deferredExits(token, fromBlock).stream()
        .map(d -> new DeferredExit(d.entry(), d.position(), d.reason(), d.block()))
        .toList());
  }

  @Override
  public boolean isExitDeferred(Address token, BigInteger entry) {
    return call(c -> c.isExitDeferred(token, entry));
  }

  @Override
  public L1Receipt retryExit(Address token, BigInteger entry) {
    return l1(call(c -> c.retryExit(token, entry)));
  }

  @Override
  public java.util.Optional<Long> exitableAt(String l1TxHash) {
    // receipt() connects first, which pins frameworkAddress
    return receipt(l1TxHash).flatMap(r -> FrameworkClient.exitableAt(r, frameworkAddress));
  }

  /** What the framework's events in a processExits / retryExit receipt say it did. */
  @Override
  public java.util.Optional<FrameworkClient.ExitsOutcome> exitsOutcome(String l1TxHash) {
    return receipt(l1TxHash).map(r -> FrameworkClient.exitsOutcome(r, frameworkAddress));
  }

  @Override
  public java.util.Optional<L1Status> l1Status(String l1TxHash) {
    return receipt(l1TxHash)
        .map(r -> new L1Status(r.getBlockNumber().longValueExact(), r.isStatusOK()));
  }

  private java.util.Optional<TransactionReceipt> receipt(String l1TxHash) {
    return call(c -> web3j.ethGetTransactionReceipt(l1TxHash).send().getTransactionReceipt());
  }

  private <T> T call(ClientCall<T> call) {
    FrameworkClient c = client();
    try {
      return call.run(c);
    } catch (WalletException e) {
      throw e;
    } catch (DepositCheck.Refused e) {
      throw new WalletException.DepositRefused(e.reason().name(), e.getMessage());
    } catch (Exception e) {
      throw new WalletException.RootChainFailure("root chain: " + e.getMessage(), e);
    }
  }

  private static L1Receipt l1(TransactionReceipt receipt) {
    return new L1Receipt(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
  }

  @Override
  public synchronized void close() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  @FunctionalInterface
  private interface ClientCall<T> {
    T run(FrameworkClient client) throws Exception;
  }
}
