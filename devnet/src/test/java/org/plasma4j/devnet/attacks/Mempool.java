package org.plasma4j.devnet.attacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.AnvilNode;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * A front-runner's view of anvil's mempool (txpool_content) and its tools: replay someone's pending
 * calldata with a higher tip, then read receipts and the revert data of what was mined
 * (callTracer), to compare with a custom error's encoding ({@link #errorData}).
 */
final class Mempool {

  record PendingTx(
      String hash, Address from, String to, String input, BigInteger gas, BigInteger value) {
    String selector() {
      return input.substring(0, 10);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AnvilNode anvil;
  private final Web3j web3j;
  private final HttpClient http = HttpClient.newHttpClient();

  Mempool(AnvilNode anvil, Web3j web3j) {
    this.anvil = anvil;
    this.web3j = web3j;
  }

  /** 0x-prefixed 4-byte selector of a function or custom error signature. */
  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  /** Waits for a pending transaction sent by {@code from}. */
  PendingTx awaitFrom(Address from, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode pending = rpc("txpool_content", "[]").path("pending");
      for (Iterator<Map.Entry<String, JsonNode>> it = pending.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> bySender = it.next();
        if (Address.fromHex(bySender.getKey()).equals(from)) {
          JsonNode tx = bySender.getValue().elements().next();
          return new PendingTx(
              tx.path("hash").asText(),
              from,
              tx.path("to").asText(),
              tx.path("input").asText(),
              Numeric.decodeQuantity(tx.path("gas").asText()),
              Numeric.decodeQuantity(tx.path("value").asText()));
        }
      }
      AttackHarness.sleep(20);
    }
    throw new AssertionError("no pending transaction from " + from + " within " + timeout);
  }

  /**
   * Sends {@code victim}'s calldata and value to the same contract from {@code copycat}, tipping
   * {@code tip} per gas.
   */
  String replay(PendingTx victim, Credentials copycat, BigInteger tip) {
    try {
      BigInteger base = web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getBaseFeePerGas();
      EthSendTransaction sent = new RawTransactionManager(web3j, copycat, AnvilNode.CHAIN_ID)
          .sendEIP1559Transaction(
              AnvilNode.CHAIN_ID,
              tip,
              base.shiftLeft(1).add(tip),
              victim.gas(),
              victim.to(),
              victim.input(),
              victim.value());
      if (sent.hasError()) {
        throw new AssertionError("the copy was refused: " + sent.getError().getMessage());
      }
      return sent.getTransactionHash();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TransactionReceipt receipt(String txHash) {
    try {
      return web3j
          .ethGetTransactionReceipt(txHash)
          .send()
          .getTransactionReceipt()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The revert data of a mined transaction (a custom error's selector and arguments), 0x-prefixed.
   */
  String revertData(String txHash) {
    return rpc("debug_traceTransaction", "[\"" + txHash + "\", {\"tracer\": \"callTracer\"}]")
        .path("output")
        .asText();
  }

  /**
   * The hash of the newest mined transaction {@code from} sent (a reverted one too), searching back
   * from the head.
   */
  String lastMinedFrom(Address from) {
    try {
      for (long n = anvil.blockNumber(); n >= 0; n--) {
        List<EthBlock.TransactionResult> txs = web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), true)
            .send()
            .getBlock()
            .getTransactions();
        for (int i = txs.size() - 1; i >= 0; i--) {
          EthBlock.TransactionObject tx =
              (EthBlock.TransactionObject) txs.get(i).get();
          if (Address.fromHex(tx.getFrom()).equals(from)) {
            return tx.getHash();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no mined transaction from " + from);
  }

  /**
   * The revert data of custom error {@code name(args)}: its selector and ABI-encoded arguments,
   * 0x-prefixed.
   */
  static String errorData(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }

  private JsonNode rpc(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(anvil.rpcUrl()))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode reply = JSON.readTree(response.body());
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
