package org.plasma4j.devnet.bench.gas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.AnvilNode;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The root chain the gas benchmark measures on: an anvil of its own on a free port, automining one
 * block per transaction, so every call is a whole transaction with its own receipt.
 */
final class L1 implements AutoCloseable {

  /**
   * Above every call measured (a 100-output mass exit with consents needs about 4.1M) and below the
   * 2^24 per-transaction cap of EIP-7825; the receipt's gasUsed does not depend on it.
   */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(15_000_000);

  private static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L);
  private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AnvilNode anvil;
  private final Web3j web3j;
  private final long chainId;

  private L1(AnvilNode anvil) {
    this.anvil = anvil;
    this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    this.chainId = read(() -> web3j.ethChainId().send().getChainId().longValueExact());
  }

  static L1 start() {
    AnvilNode anvil = AnvilNode.start();
    try {
      return new L1(anvil);
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  Web3j web3j() {
    return web3j;
  }

  long chainId() {
    return chainId;
  }

  TransactionManager signer(Actor who) {
    return new RawTransactionManager(
        web3j, who.credentials(), chainId, new PollingTransactionReceiptProcessor(web3j, 5, 6_000));
  }

  ContractGasProvider gas() {
    return new StaticEIP1559GasProvider(chainId, MAX_FEE, TIP, GAS_LIMIT);
  }

  /**
   * Sends one transaction and returns its receipt; a revert fails the benchmark, naming the call.
   */
  TransactionReceipt send(String what, Call<TransactionReceipt> call) {
    TransactionReceipt receipt;
    try {
      receipt = call.run();
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(what + " reverted in " + receipt.getTransactionHash());
    }
    return receipt;
  }

  /**
   * Sets an account's balance (anvil_setBalance): throw-away accounts need ETH, not a funding
   * history.
   */
  void fund(Address who, BigInteger wei) {
    anvil.call("anvil_setBalance", "[\"" + who.toHex() + "\",\"0x" + wei.toString(16) + "\"]");
  }

  BigInteger balance(Address who) {
    return read(() -> web3j
        .ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance());
  }

  /** Wei the sender paid for this transaction's gas. */
  static BigInteger fee(TransactionReceipt r) {
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }

  /** The timestamp of the L1 block that holds {@code r}. */
  long timestamp(TransactionReceipt r) {
    return read(() -> web3j
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(r.getBlockNumber()), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact());
  }

  /**
   * The head block; with automine, also the number of transactions mined so far (plus clock jumps).
   */
  long blockNumber() {
    return anvil.blockNumber();
  }

  /** The receipts of every transaction mined after block {@code after}, in order. */
  List<TransactionReceipt> receiptsAfter(long after) {
    List<TransactionReceipt> receipts = new ArrayList<>();
    for (long n = after + 1; n <= blockNumber(); n++) {
      long number = n;
      var block = read(() -> web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
          .send()
          .getBlock());
      for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
        String hash = (String) tx.get();
        receipts.add(read(() ->
            web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow()));
      }
    }
    return receipts;
  }

  void increaseTime(long seconds) {
    anvil.increaseTime(seconds);
  }

  /** What the node calls itself ({@code web3_clientVersion}), e.g. {@code anvil/v1.7.1}. */
  String clientVersion() {
    return read(() -> web3j.web3ClientVersion().send().getWeb3ClientVersion());
  }

  /** The EVM hardfork anvil runs ({@code hardFork} of {@code anvil_nodeInfo}). */
  String hardfork() {
    return rpc("anvil_nodeInfo", "[]").path("hardFork").asText("?");
  }

  /** The call tree of a mined transaction with each call's gasUsed ({@code callTracer}). */
  JsonNode callTrace(String txHash) {
    return rpc("debug_traceTransaction", "[\"" + txHash + "\",{\"tracer\":\"callTracer\"}]");
  }

  /** A mined transaction's calldata. */
  byte[] input(String txHash) {
    return Numeric.hexStringToByteArray(read(() -> web3j
        .ethGetTransactionByHash(txHash)
        .send()
        .getTransaction()
        .orElseThrow()
        .getInput()));
  }

  /** A JSON-RPC call whose result is an object; fails on a JSON-RPC error. */
  private JsonNode rpc(String method, String paramsJson) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
        + paramsJson + "}";
    JsonNode reply = read(() -> JSON.readTree(HTTP.send(
            HttpRequest.newBuilder(URI.create(anvil.rpcUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body()));
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  String code(Address contract) {
    return read(() -> web3j
        .ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getCode());
  }

  static <T> T read(Call<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }

  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }
}
