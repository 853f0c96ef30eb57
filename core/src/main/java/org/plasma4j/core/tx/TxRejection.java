package org.plasma4j.core.tx;

import org.plasma4j.core.types.BlockNumbers;

/**
 * Why a transaction is refused. The names and codes are those of docs/rpc-errors.md, so the RPC
 * layer maps a rejection to its error without a second table.
 */
public enum TxRejection {
  MALFORMED_RLP(-32001, "the bytes are not strict, canonical RLP"),
  MALFORMED_TRANSACTION(-32002, "RLP, but not a transaction"),
  TOO_MANY_INPUTS(-32003, "more than 4 inputs"),
  TOO_MANY_OUTPUTS(-32004, "more than 4 outputs, or none"),
  ZERO_AMOUNT(-32005, "an output of amount zero"),
  DUPLICATE_INPUTS(-32006, "an output position spent twice in one transaction"),
  WRONG_SIGNATURE_COUNT(-32007, "not exactly one signature per input"),
  MALLEABLE_SIGNATURE(-32008, "high-s signature or v not 27/28"),
  INVALID_SIGNATURE(-32009, "the signature recovers to no key"),
  WRONG_CHAIN_ID(-32010, "signed for another chain id"),
  WRONG_VERIFYING_CONTRACT(-32011, "signed for another framework contract"),
  UNAUTHORIZED_SPEND(-32012, "a signature does not recover to the owner of its input"),
  UNKNOWN_INPUT(-32013, "no such output, or its block is not formed yet"),
  SPENT_INPUT(-32014, "the output is already spent"),
  EXITING_INPUT(-32015, "the output is being exited on the root chain"),
  AMOUNTS_DO_NOT_BALANCE(
      -32016, "a token's outputs exceed its inputs, or a non-fee token does not balance"),
  FEE_NOT_COVERED(-32017, "the surplus is less than the fee for its token, or there is no surplus"),
  FEE_OVERPAID(-32018, "the surplus is more than the fee"),
  UNSUPPORTED_FEE_TOKEN(
      -32019,
      "the surplus is in a token the fee schedule does not accept, or in more than one token"),
  NOT_A_PAYMENT(-32020, "only payment transactions (type 1) with inputs may be submitted"),
  PAYLOAD_TOO_LARGE(-32021, "the transaction is over 2 KiB"),
  NOT_FOUND(-32022, "the block, transaction or output is unknown"),
  BLOCK_FULL(-32023, "the pending block is full; retry after the next block"),
  // Plasma Cash coin transfers and coin queries (docs/protocol.md section 8)
  MALFORMED_COIN_TRANSFER(
      -32024, "malformed coin transfer: expected 101 bytes (36-byte transfer, 65-byte signature)"),
  UNKNOWN_COIN(
      -32025, "no coin with this slot has been deposited (or its deposit is not confirmed yet)"),
  COIN_EXITING(-32026, "the coin is exiting or has exited on the root chain"),
  WRONG_PREV_BLOCK(
      -32027, "prevBlock is not the block of the coin's latest transfer (stale or already spent)"),
  NOT_COIN_OWNER(-32028, "the signature does not recover to the coin's current owner"),
  COIN_TRANSFER_PENDING(-32029, "a transfer of this coin is already pending for the next block"),
  RANGE_TOO_LARGE(-32030, "the block range spans more than 10,000 child blocks"),
  BLOCK_UNAVAILABLE(
      -32031, "a block of the range is not formed yet, or the operator does not serve it"),
  // decoding rules shared with the contracts' PaymentTx (docs/protocol.md 2.1)
  INVALID_INPUT_POSITION(
      -32032,
      "an input names no possible output (block 0, tx index above 65535, output index above 3, or beyond 2^63-1)"),
  DEPOSIT_NOT_ONE_OUTPUT(
      -32033, "a payment without inputs is a deposit and has exactly one output"),
  AMOUNT_TOO_LARGE(-32034, "an output amount of 2^192 or more, which no exit game can pay"),
  // the position cap (docs/protocol.md section 1)
  POSITION_SPACE_EXHAUSTED(
      -32035,
      "the chain is full: the framework takes no child block after " + BlockNumbers.LAST_CHILD_BLOCK
          + "; exit and deposit into a new deployment");

  private final int code;
  private final String message;

  TxRejection(int code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The JSON-RPC error code. */
  public int code() {
    return code;
  }

  /** A human message saying what was wrong. */
  public String message() {
    return message;
  }
}
