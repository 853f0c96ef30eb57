package org.plasma4j.watcher.childchain;

/**
 * The operator did not deliver a usable answer. Every way it can fail has its own kind, so the log
 * says which, and so the watcher can tell an operator that does not answer from one that answers
 * without serving the block ({@link OperatorAvailability}).
 */
public final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** No connection, or the connection broke. */
    UNREACHABLE,
    /** No complete answer within the deadline (also a stream that never ends). */
    TIMEOUT,
    /**
     * The pages of a block, each answered in time, did not all arrive by the deadline for the whole
     * block: the operator answers, but does not serve the block.
     */
    BLOCK_DEADLINE,
    /** The answer grew past the size limit; the rest was not read. */
    TOO_LARGE,
    /** An answer that is not JSON, or JSON of the wrong shape. */
    MALFORMED_RESPONSE,
    /**
     * An HTTP status other than 200 (or 503 with a JSON-RPC error): a proxy or server failing, not
     * an answer.
     */
    HTTP_ERROR,
    /** A JSON-RPC error object (e.g. the operator does not have the block). */
    RPC_ERROR
  }

  private final Kind kind;
  private final int rpcCode;

  public FetchException(Kind kind, String message) {
    this(kind, message, 0);
  }

  /** {@code rpcCode}: the JSON-RPC error code of an RPC_ERROR, 0 otherwise. */
  public FetchException(Kind kind, String message, int rpcCode) {
    super(message, null, false, false); // routine outcome: no stack trace
    this.kind = kind;
    this.rpcCode = rpcCode;
  }

  public Kind kind() {
    return kind;
  }

  public int rpcCode() {
    return rpcCode;
  }

  @Override
  public String getMessage() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + super.getMessage();
  }
}
