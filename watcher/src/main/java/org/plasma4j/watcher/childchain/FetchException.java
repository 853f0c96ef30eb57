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

  public FetchException(Kind kind, String message) {
    super(message, null, false, false); // routine outcome: no stack trace
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String getMessage() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + super.getMessage();
  }
}
