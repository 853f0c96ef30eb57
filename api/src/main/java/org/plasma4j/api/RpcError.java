package org.plasma4j.api;

import org.plasma4j.core.tx.TxRejection;

/**
 * Every error code the operator and the watcher return and their clients read (docs/rpc-errors.md):
 * the JSON-RPC framing errors, then one per core {@link TxRejection}, whose code and message it
 * takes so the numbers live in one place.
 */
public enum RpcError {
  PARSE_ERROR(-32700, "parse error: the body is not JSON"),
  INVALID_REQUEST(-32600, "invalid request"),
  METHOD_NOT_FOUND(-32601, "method not found"),
  INVALID_PARAMS(-32602, "invalid params"),
  INTERNAL_ERROR(-32603, "internal error; nothing was acknowledged"),
  MALFORMED_RLP(TxRejection.MALFORMED_RLP),
  MALFORMED_TRANSACTION(TxRejection.MALFORMED_TRANSACTION),
  TOO_MANY_INPUTS(TxRejection.TOO_MANY_INPUTS),
  TOO_MANY_OUTPUTS(TxRejection.TOO_MANY_OUTPUTS),
  ZERO_AMOUNT(TxRejection.ZERO_AMOUNT),
  DUPLICATE_INPUTS(TxRejection.DUPLICATE_INPUTS),
  WRONG_SIGNATURE_COUNT(TxRejection.WRONG_SIGNATURE_COUNT),
  MALLEABLE_SIGNATURE(TxRejection.MALLEABLE_SIGNATURE),
  INVALID_SIGNATURE(TxRejection.INVALID_SIGNATURE),
  WRONG_CHAIN_ID(TxRejection.WRONG_CHAIN_ID),
  WRONG_VERIFYING_CONTRACT(TxRejection.WRONG_VERIFYING_CONTRACT),
  UNAUTHORIZED_SPEND(TxRejection.UNAUTHORIZED_SPEND),
  UNKNOWN_INPUT(TxRejection.UNKNOWN_INPUT),
  SPENT_INPUT(TxRejection.SPENT_INPUT),
  EXITING_INPUT(TxRejection.EXITING_INPUT),
  AMOUNTS_DO_NOT_BALANCE(TxRejection.AMOUNTS_DO_NOT_BALANCE),
  FEE_NOT_COVERED(TxRejection.FEE_NOT_COVERED),
  FEE_OVERPAID(TxRejection.FEE_OVERPAID),
  UNSUPPORTED_FEE_TOKEN(TxRejection.UNSUPPORTED_FEE_TOKEN),
  NOT_A_PAYMENT(TxRejection.NOT_A_PAYMENT),
  PAYLOAD_TOO_LARGE(TxRejection.PAYLOAD_TOO_LARGE),
  NOT_FOUND(TxRejection.NOT_FOUND),
  BLOCK_FULL(TxRejection.BLOCK_FULL),
  MALFORMED_COIN_TRANSFER(TxRejection.MALFORMED_COIN_TRANSFER),
  UNKNOWN_COIN(TxRejection.UNKNOWN_COIN),
  COIN_EXITING(TxRejection.COIN_EXITING),
  WRONG_PREV_BLOCK(TxRejection.WRONG_PREV_BLOCK),
  NOT_COIN_OWNER(TxRejection.NOT_COIN_OWNER),
  COIN_TRANSFER_PENDING(TxRejection.COIN_TRANSFER_PENDING),
  RANGE_TOO_LARGE(TxRejection.RANGE_TOO_LARGE),
  BLOCK_UNAVAILABLE(TxRejection.BLOCK_UNAVAILABLE),
  INVALID_INPUT_POSITION(TxRejection.INVALID_INPUT_POSITION),
  DEPOSIT_NOT_ONE_OUTPUT(TxRejection.DEPOSIT_NOT_ONE_OUTPUT),
  AMOUNT_TOO_LARGE(TxRejection.AMOUNT_TOO_LARGE),
  POSITION_SPACE_EXHAUSTED(TxRejection.POSITION_SPACE_EXHAUSTED),
  // the server's own limits (RpcLimits), far from the transaction codes so those can grow
  SERVER_BUSY(-32090, "the server is at capacity; retry later"),
  RESPONSE_TOO_LARGE(-32091, "the answer is too large; ask for less"),
  REQUEST_TIMEOUT(-32092, "the request did not arrive in time"),
  // the watcher's
  WATCHER_NOT_READY(-32093, "the watcher has not judged the chain since it started; ask again");

  private final int code;
  private final String defaultMessage;

  RpcError(TxRejection rejection) {
    this(rejection.code(), rejection.message());
  }

  RpcError(int code, String defaultMessage) {
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  public int code() {
    return code;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
