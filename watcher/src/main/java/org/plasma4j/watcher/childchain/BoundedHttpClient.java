package org.plasma4j.watcher.childchain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.plasma4j.api.BoundedBody;
import org.plasma4j.watcher.childchain.FetchException.Kind;

/**
 * HTTP POST that an untrusted server cannot use to hang or exhaust the watcher: one deadline covers
 * the whole exchange (connect, headers and body, so a trickling or endless body times out too), and
 * the body is collected only up to {@code maxBytes}; past that the exchange is cancelled and
 * nothing more is read.
 */
public final class BoundedHttpClient {

  private final HttpClient http;
  private final Duration deadline;
  private final int maxBytes;

  public BoundedHttpClient(Duration deadline, int maxBytes) {
    this.deadline = deadline;
    this.maxBytes = maxBytes;
    this.http = HttpClient.newBuilder()
        .connectTimeout(deadline)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public byte[] post(URI uri, byte[] body) throws FetchException {
    return post(uri, body, deadline);
  }

  /** {@link #post(URI, byte[])} within {@code within}, at most the client's deadline. */
  public byte[] post(URI uri, byte[] body, Duration within) throws FetchException {
    Duration deadline = within.compareTo(this.deadline) < 0 ? within : this.deadline;
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(deadline)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return switch (BoundedBody.exchange(http, request, maxBytes, deadline)) {
      // a JSON-RPC server that sheds load answers 503 with a JSON-RPC error (SERVER_BUSY): read it
      // as such
      case BoundedBody.Exchange.Answered a -> {
        int status = a.response().statusCode();
        if (status != 200 && status != 503) {
          throw new FetchException(Kind.HTTP_ERROR, "HTTP status " + status);
        }
        yield a.response().body();
      }
      case BoundedBody.Exchange.TimedOut t ->
        throw new FetchException(
            Kind.TIMEOUT,
            "no complete answer from " + uri + " within " + deadline.toMillis() + " ms");
      case BoundedBody.Exchange.Oversized o ->
        throw new FetchException(
            Kind.TOO_LARGE, "answer from " + uri + " exceeds " + maxBytes + " bytes");
      case BoundedBody.Exchange.Failed f ->
        throw new FetchException(Kind.UNREACHABLE, uri + ": " + f.cause());
      case BoundedBody.Exchange.Interrupted i ->
        throw new FetchException(Kind.UNREACHABLE, "interrupted");
    };
  }
}
