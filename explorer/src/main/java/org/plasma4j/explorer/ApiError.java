package org.plasma4j.explorer;

/**
 * A named reason a request to the explorer's API has no answer; the server turns it into an HTTP
 * status and a JSON body the pages show as it is.
 */
public abstract sealed class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ApiError(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status the server answers with. */
  public abstract int status();

  /** A short machine name for the reason, e.g. {@code not_found}. */
  public abstract String kind();

  /** No block, transaction, address activity, coin or exit of that name. */
  public static final class NotFound extends ApiError {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message, null);
    }

    @Override
    public int status() {
      return 404;
    }

    @Override
    public String kind() {
      return "not_found";
    }
  }

  /** The request itself is wrong: a malformed hash, address, number or body. */
  public static final class BadRequest extends ApiError {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(message, null);
    }

    @Override
    public int status() {
      return 400;
    }

    @Override
    public String kind() {
      return "bad_request";
    }
  }

  /** A node the explorer reads (operator, watcher or L1) did not answer. */
  public static final class NodeDown extends ApiError {
    private static final long serialVersionUID = 1L;
    private final String node;

    public NodeDown(String node, String message, Throwable cause) {
      super(message, cause);
      this.node = node;
    }

    /** {@code operator}, {@code watcher} or {@code l1}. */
    public String node() {
      return node;
    }

    @Override
    public int status() {
      return 503;
    }

    @Override
    public String kind() {
      return "node_down";
    }
  }

  /**
   * The root chain reorganised under a request: the confirmed block its answer was being read at is
   * no longer canonical. The request is answered again from a new view a few times before this
   * reaches the caller, who may simply ask again.
   */
  public static final class L1Reorging extends ApiError {
    private static final long serialVersionUID = 1L;

    public L1Reorging(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public int status() {
      return 503;
    }

    @Override
    public String kind() {
      return "l1_reorging";
    }
  }

  /** A node answered with a JSON-RPC error (a rejected transaction, say), named by its code. */
  public static final class NodeRejected extends ApiError {
    private static final long serialVersionUID = 1L;
    private final String node;
    private final int code;

    public NodeRejected(String node, int code, String message) {
      super(message, null);
      this.node = node;
      this.code = code;
    }

    public String node() {
      return node;
    }

    public int code() {
      return code;
    }

    @Override
    public int status() {
      return 422;
    }

    @Override
    public String kind() {
      return "rejected";
    }
  }
}
