package org.plasma4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The operator's JSON-RPC answers in their wire form (docs/protocol.md section 6): the records the
 * server writes, field for field, and so the names and shapes its clients read. Byte strings are
 * 0x-hex, amounts and uint64 slots decimal strings (so that uint256 values and slots above 2^63 - 1
 * survive JavaScript clients); a null field is absent from the answer.
 */
public interface OperatorRpc {

  /**
   * A field the answer leaves out when it has no value; every other field is always present, and a
   * client refuses an answer without it ({@link OperatorRpcReader}).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  @interface MayBeAbsent {}

  /** plasma_sendTransaction: the hash the transaction was persisted under. */
  record SentTransaction(String txHash) {}

  /** One entry of a plasma_sendTransactions answer: exactly one of the fields is set. */
  record BatchEntry(@MayBeAbsent String txHash, @MayBeAbsent ErrorBody error) {}

  /** A per-transaction error inside a plasma_sendTransactions answer. */
  record ErrorBody(int code, String message) {}

  /**
   * plasma_getBlock: {@code timestamp} and {@code l1TxHash} once the block is on the root chain;
   * {@code transactions} is the page from {@code offset}, {@code txCount} the block's total.
   */
  record Block(
      long blkNum,
      String root,
      @MayBeAbsent Long timestamp,
      int txCount,
      int offset,
      List<String> transactions,
      boolean submitted,
      @MayBeAbsent String l1TxHash) {}

  /**
   * plasma_getBlockBody: the page of plasma_getBlock from {@code offset} in a compact form,
   * {@code body} the page's signed transactions packed and in base64 ({@link PackedTransactions}).
   * What a watcher reads a block with; whatever else a block is (its timestamp, its root-chain
   * transaction) plasma_getBlock still says.
   */
  record BlockBody(long blkNum, String root, int txCount, int offset, PackedTransactions body) {}

  /**
   * plasma_getBlockLeaves: the block's Merkle leaves (keccak256(0x00 ‖ txBytes), docs/protocol.md
   * section 3) from {@code offset}, without the transactions: a client that knows its transactions
   * finds where they went, and can check the leaves against {@code root}, at a twentieth of the
   * bytes of plasma_getBlock.
   */
  record BlockLeaves(
      long blkNum, String root, int txCount, int offset, List<String> leaves, boolean submitted) {}

  /**
   * plasma_getTransaction: {@code status} "pending" (no block yet; blkNum and txIndex absent) or
   * "formed".
   */
  record Transaction(
      String txHash,
      String status,
      @MayBeAbsent Long blkNum,
      @MayBeAbsent Integer txIndex,
      @MayBeAbsent String signedTx) {}

  /** One entry of plasma_getUtxos. */
  record Utxo(
      long position,
      long blkNum,
      int txIndex,
      int outputIndex,
      String owner,
      String token,
      String amount) {}

  /** plasma_getExitData: the arguments of startStandardExit. */
  record ExitData(long position, String txBytes, String proof, long blockTimestamp) {}

  /** plasma_getChallengeData: the signed spend that challengeStandardExit needs. */
  record ChallengeData(long position, String spendingTx, int inputIndex, String signature) {}

  /** plasma_getChainInfo. */
  record ChainInfo(
      long chainId,
      String framework,
      String operator,
      String feeBeneficiary,
      long childBlockInterval) {}

  /** plasma_sendCoinTransfer: the coin and the hash its transfer was persisted under. */
  record SentCoinTransfer(String slot, String txHash) {}

  /**
   * plasma_getCoin: {@code kind} 0 ETH, 1 ERC20, 2 ERC721; {@code value} decimal; {@code state}
   * deposited|exiting|exited|withdrawn; {@code block} is what the next transfer must name as its
   * prevBlock.
   */
  record Coin(
      String slot,
      String token,
      int kind,
      String value,
      String owner,
      long block,
      String state,
      String originOwner,
      long originBlock,
      @MayBeAbsent String pendingTransfer) {}

  /** plasma_getCoinProofs: one entry per block of the range. */
  record CoinProofs(String slot, long fromBlock, long toBlock, List<CoinProof> entries) {}

  /**
   * {@code tx} is the 101-byte signed transfer (included only), {@code proof} the compressed proof.
   */
  record CoinProof(
      long blkNum,
      String kind,
      String coinRoot,
      @MayBeAbsent String tx,
      @MayBeAbsent String proof) {}
}
