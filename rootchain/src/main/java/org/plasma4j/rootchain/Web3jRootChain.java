package org.plasma4j.rootchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.BlockSubmissionPort;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.FunctionEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * The {@link RootChain} port over any Ethereum JSON-RPC endpoint, through web3j and the bindings
 * generated from the framework's ABI, with its event stream read by {@link Web3jL1Events}; and the
 * operator's {@link BlockSubmissionPort}. Reads never need a key; {@link #submitBlock} needs the
 * operator's.
 */
public final class Web3jRootChain implements RootChain, BlockSubmissionPort {

  private static final BigInteger SUBMIT_GAS_LIMIT = BigInteger.valueOf(120_000);
  private static final BigInteger SUBMIT_WITH_COINS_GAS_LIMIT = BigInteger.valueOf(160_000);

  private final Web3j web3j;
  private final Address framework;
  private final Optional<Credentials> operatorKey;
  private final ChainInfo info;
  private final PlasmaFramework reader;
  private final Web3jL1Events events;

  public Web3jRootChain(Web3j web3j, Address framework, Optional<Credentials> operatorKey) {
    this.web3j = web3j;
    this.framework = framework;
    this.operatorKey = operatorKey;
    this.reader = Contracts.readOnly(web3j, framework);
    this.events = new Web3jL1Events(web3j, framework);
    this.info = readInfo();
  }

  /**
   * The chain id (the node's), and what the framework holds. The framework's
   * {@code domainSeparator()} must be the one of (chain id, framework): everyone who builds its
   * EIP-712 domain from this info (the operator validating, the watcher re-validating) then checks
   * signatures exactly as the exit games do.
   */
  private ChainInfo readInfo() {
    Domain domain = OnChainDomain.read(web3j, framework);
    try {
      long chainId = domain.chainId();
      Address operator = Address.fromHex(reader.operator().send());
      long mep = reader.minExitPeriod().send().longValueExact();
      return new ChainInfo(chainId, framework, operator, mep);
    } catch (Exception e) {
      throw new RootChainException("cannot read the framework at " + framework, e);
    }
  }

  public Web3j web3j() {
    return web3j;
  }

  @Override
  public ChainInfo info() {
    return info;
  }

  @Override
  public long headBlockNumber() {
    return call(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
  }

  @Override
  public long headTimestamp() {
    return call(() -> {
      EthBlock.Block block = web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock();
      return block.getTimestamp().longValueExact();
    });
  }

  @Override
  public Optional<Bytes32> blockHash(long l1Block) {
    return call(() -> {
      EthBlock.Block block = web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)), false)
          .send()
          .getBlock();
      return Optional.ofNullable(block).map(b -> Bytes32.fromHex(b.getHash()));
    });
  }

  @Override
  public java.util.OptionalLong blockTimestamp(long l1Block) {
    return call(() -> {
      EthBlock.Block block = web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)), false)
          .send()
          .getBlock();
      return block == null
          ? java.util.OptionalLong.empty()
          : java.util.OptionalLong.of(block.getTimestamp().longValueExact());
    });
  }

  @Override
  public List<L1Event> events(long fromL1Block, long toL1Block) {
    return events.events(fromL1Block, toL1Block);
  }

  @Override
  public long nextChildBlock() {
    return call(() -> reader.nextChildBlock().send().longValueExact());
  }

  @Override
  public Optional<Bytes32> blockCommitment(long blkNum) {
    byte[] commitment =
        call(() -> reader.blockCommitment(BigInteger.valueOf(blkNum)).send());
    return Arrays.equals(commitment, new byte[32])
        ? Optional.empty()
        : Optional.of(new Bytes32(commitment));
  }

  @Override
  public Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
    return submit(
        "submitBlock",
        new org.web3j.abi.datatypes.Function(
            PlasmaFramework.FUNC_SUBMITBLOCK,
            List.of(new org.web3j.abi.datatypes.generated.Bytes32(root.value())),
            List.of()),
        SUBMIT_GAS_LIMIT,
        nonce,
        maxFeePerGas);
  }

  /** Like {@link #submitBlock}; the coin root costs one more storage slot and an event. */
  @Override
  public Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    return submit(
        "submitBlockWithCoins",
        new org.web3j.abi.datatypes.Function(
            PlasmaFramework.FUNC_SUBMITBLOCKWITHCOINS,
            List.of(
                new org.web3j.abi.datatypes.generated.Bytes32(root.value()),
                new org.web3j.abi.datatypes.generated.Bytes32(coinRoot.value())),
            List.of()),
        SUBMIT_WITH_COINS_GAS_LIMIT,
        nonce,
        maxFeePerGas);
  }

  private Bytes32 submit(
      String what,
      org.web3j.abi.datatypes.Function function,
      BigInteger gasLimit,
      BigInteger nonce,
      BigInteger maxFeePerGas) {
    Credentials key =
        operatorKey.orElseThrow(() -> new IllegalStateException("no operator key configured"));
    BigInteger priority = Contracts.PRIORITY_FEE.min(maxFeePerGas);
    RawTransaction tx = RawTransaction.createTransaction(
        info.chainId(),
        nonce,
        gasLimit,
        framework.toHex(),
        BigInteger.ZERO,
        FunctionEncoder.encode(function),
        priority,
        maxFeePerGas);
    byte[] signed = TransactionEncoder.signMessage(tx, info.chainId(), key);
    Bytes32 hash = new Bytes32(Hash.sha3(signed));
    EthSendTransaction sent =
        call(() -> web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send());
    if (sent.hasError() && !isDuplicate(sent.getError().getMessage())) {
      throw new RootChainException(what + " rejected: " + sent.getError().getMessage(), null);
    }
    return hash;
  }

  /** A resend of an identical or already-mined transaction is not a failure for the submitter. */
  private static boolean isDuplicate(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("already known")
        || m.contains("nonce too low")
        || m.contains("already imported");
  }

  @Override
  public BigInteger operatorPendingNonce() {
    return nonce(DefaultBlockParameterName.PENDING);
  }

  @Override
  public BigInteger operatorMinedNonce() {
    return nonce(DefaultBlockParameterName.LATEST);
  }

  private BigInteger nonce(DefaultBlockParameterName tag) {
    return call(() ->
        web3j.ethGetTransactionCount(info.operator().toHex(), tag).send().getTransactionCount());
  }

  @Override
  public BigInteger suggestedMaxFeePerGas() {
    return Contracts.maxFeePerGas(web3j);
  }

  @Override
  public Optional<GasPaid> gasPaid(Bytes32 l1TxHash) {
    return call(() -> web3j.ethGetTransactionReceipt(l1TxHash.toHex()).send())
        .getTransactionReceipt()
        .map(r -> new GasPaid(
            r.getGasUsed().longValueExact(),
            r.getGasUsed()
                .multiply(
                    r.getEffectiveGasPrice() == null
                        ? BigInteger.ZERO
                        : Numeric.decodeQuantity(r.getEffectiveGasPrice()))));
  }

  private static <T> T call(RpcCall<T> rpc) {
    try {
      return rpc.run();
    } catch (IOException e) {
      throw new RootChainException("root-chain RPC failed: " + e.getMessage(), e);
    } catch (RootChainException e) {
      throw e;
    } catch (Exception e) {
      throw new RootChainException("root-chain call failed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface RpcCall<T> {
    T run() throws Exception;
  }

  /** A root-chain RPC or contract call failed; callers retry on their own schedule. */
  public static final class RootChainException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public RootChainException(String message, Throwable cause) {
      super(message, cause instanceof IOException io ? io : new IOException(cause));
    }
  }
}
