package org.plasma4j.wallet;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * Outputs as an honest operator lists them and a root chain commits them: for each output a
 * transaction holding it at its output index (other owners' outputs before it), in a block holding
 * that transaction at its index, the block committed as the framework stores it. Serves
 * plasma_getUtxos and plasma_getExitData on a {@link StubOperator}, and the commitments to an
 * in-memory root chain or to a stub root-chain node's eth_call. Shared with the CLI's tests.
 */
public final class CommittedOutputs {

  /** The timestamp every block here was committed with. */
  public static final long TIMESTAMP = 1_799_000_000L;

  private static final Address OTHER = Address.fromHex("0x" + "5e".repeat(20));
  private static final String BLOCK_COMMITMENT_SELECTOR =
      Hex.encode(Arrays.copyOf(Keccak256.hash("blockCommitment(uint256)".getBytes(US_ASCII)), 4));

  /** One listed output. */
  public record Listed(OutputPosition position, Address owner, Address token, BigInteger amount) {
    public static Listed of(long position, Address owner, Address token, long amount) {
      return new Listed(OutputPosition.decode(position), owner, token, BigInteger.valueOf(amount));
    }
  }

  private final List<Listed> outputs;
  private final Map<Long, Map<String, Object>> exitData = new LinkedHashMap<>();
  private final Map<Long, Bytes32> commitments = new TreeMap<>();
  private final Map<Long, Bytes32> roots = new TreeMap<>();
  private final Map<Long, Transaction> transactions = new LinkedHashMap<>();

  private CommittedOutputs(List<Listed> outputs) {
    this.outputs = List.copyOf(outputs);
    Map<Long, List<Listed>> byBlock = new TreeMap<>();
    outputs.forEach(o ->
        byBlock.computeIfAbsent(o.position().blkNum(), b -> new ArrayList<>()).add(o));
    byBlock.forEach(this::buildBlock);
  }

  public static CommittedOutputs of(Listed... outputs) {
    return new CommittedOutputs(List.of(outputs));
  }

  private void buildBlock(long blkNum, List<Listed> inBlock) {
    int lastTx = inBlock.stream().mapToInt(o -> o.position().txIndex()).max().orElseThrow();
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i <= lastTx; i++) {
      int txIndex = i;
      List<Listed> here =
          inBlock.stream().filter(o -> o.position().txIndex() == txIndex).toList();
      int lastOut =
          here.stream().mapToInt(o -> o.position().outputIndex()).max().orElse(0);
      List<Output> outs = new ArrayList<>();
      for (int k = 0; k <= lastOut; k++) {
        int outputIndex = k;
        outs.add(here.stream()
            .filter(o -> o.position().outputIndex() == outputIndex)
            .findFirst()
            .map(o -> new Output(o.owner(), o.token(), o.amount()))
            .orElse(new Output(OTHER, Address.ETH, BigInteger.valueOf(1 + txIndex))));
      }
      boolean deposit = blkNum % 1000 != 0;
      txs.add(Transaction.payment(
          deposit ? List.of() : List.of(OutputPosition.of(1, 0, 0)),
          outs,
          deposit ? Bytes32.ZERO : new Bytes32(Keccak256.hash(new byte[] {(byte) txIndex}))));
    }
    MerkleTree tree = MerkleTree.build(txs.stream().map(Transaction::encode).toList());
    roots.put(blkNum, tree.root());
    commitments.put(blkNum, BlockCommitment.of(tree.root(), TIMESTAMP));
    for (Listed o : inBlock) {
      long position = o.position().encode();
      Transaction tx = txs.get(o.position().txIndex());
      transactions.put(position, tx);
      exitData.put(
          position,
          exitDataAnswer(
              position, tx.encode(), tree.proof(o.position().txIndex()).toArray(), TIMESTAMP));
    }
  }

  /** A plasma_getExitData answer. */
  public static Map<String, Object> exitDataAnswer(
      long position, byte[] txBytes, byte[] proof, long blockTimestamp) {
    return Map.of(
        "position",
        position,
        "txBytes",
        Hex.encode(txBytes),
        "proof",
        Hex.encode(proof),
        "blockTimestamp",
        "0x" + Long.toHexString(blockTimestamp));
  }

  /** The transaction that created the output at {@code position}. */
  public Transaction transaction(long position) {
    return transactions.get(position);
  }

  /** The plasma_getUtxos entries, as listed. */
  public List<Map<String, Object>> utxos() {
    return outputs.stream()
        .map(o -> StubOperator.utxo(
            o.position().encode(),
            o.owner().toHex(),
            o.token().toHex(),
            o.amount().toString()))
        .toList();
  }

  /** The plasma_getExitData answer for {@code position}. */
  public Map<String, Object> exitData(long position) {
    return exitData.get(position);
  }

  /** The framework's commitment to {@code blkNum}. */
  public Bytes32 commitment(long blkNum) {
    return commitments.get(blkNum);
  }

  /** Has {@code operator} list these outputs and serve their exit data. */
  public StubOperator serve(StubOperator operator) {
    return serveExitData(operator.on("plasma_getUtxos", utxos()));
  }

  /** Has {@code operator} serve these outputs' exit data (NOT_FOUND for another position). */
  public StubOperator serveExitData(StubOperator operator) {
    return operator.on("plasma_getExitData", params -> {
      Map<String, Object> d = exitData.get(params.get(0).asLong());
      if (d == null) {
        throw new StubOperator.RpcError(-32022, "unknown output");
      }
      return d;
    });
  }

  /** Commits every block here on {@code rootChain}. */
  public void commitTo(InMemoryActions rootChain) {
    roots.forEach((blkNum, root) -> rootChain.chain.committed(blkNum, root, TIMESTAMP));
  }

  /**
   * Has the root-chain node {@code node} answer blockCommitment calls with these commitments (zero
   * for another block), and every other eth_call with {@code otherCalls}.
   */
  public StubOperator answerCommitments(StubOperator node, Bytes32 otherCalls) {
    return answerCommitments(node, otherCalls, b -> commitments.getOrDefault(b, Bytes32.ZERO));
  }

  /**
   * Has the root-chain node {@code node} answer blockCommitment(b) calls with
   * {@code commitmentOf(b)}, every other eth_call with {@code otherCalls}, and the latest block
   * (what a framework client reads for gas prices) with a fixed one.
   */
  public static StubOperator answerCommitments(
      StubOperator node, Bytes32 otherCalls, LongFunction<Bytes32> commitmentOf) {
    return node.on("eth_getBlockByNumber", StubOperator.latestBlock()).on("eth_call", params -> {
      JsonNode call = params.get(0);
      String data = (call.has("data") ? call.get("data") : call.get("input")).asText();
      if (!data.startsWith(BLOCK_COMMITMENT_SELECTOR)) {
        return otherCalls.toHex();
      }
      long blkNum =
          new BigInteger(data.substring(BLOCK_COMMITMENT_SELECTOR.length()), 16).longValueExact();
      return commitmentOf.apply(blkNum).toHex();
    });
  }
}
