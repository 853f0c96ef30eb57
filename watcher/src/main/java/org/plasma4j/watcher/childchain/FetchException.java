package org.plasma4j.watcher.childchain;

/**
 * The operator did not deliver a usable answer. Every way it can fail has its own kind, so the log says
 * which; for the watcher all of them mean the same thing: the block is not obtainable right now.
 */
public final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** No connection, or the connection broke. */
    UNREACHABLE,
    /** No complete answer within the deadline (also a stream that never ends). */
    TIMEOUT,
    /** The answer grew past the size limit; the rest was not read. */
    TOO_LARGE,
    /** Not HTTP 200, not JSON, or JSON of the wrong shape. */
    MALFORMED_RESPONSE,
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
