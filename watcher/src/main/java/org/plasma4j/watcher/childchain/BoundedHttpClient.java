package org.plasma4j.watcher.childchain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(deadline)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, BoundedBody.handler(maxBytes));
    try {
      HttpResponse<byte[]> response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      // a JSON-RPC server that sheds load answers 503 with a JSON-RPC error (SERVER_BUSY): read it
      // as such
      if (response.statusCode() != 200 && response.statusCode() != 503) {
        throw new FetchException(Kind.HTTP_ERROR, "HTTP status " + response.statusCode());
      }
      return response.body();
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new FetchException(
          Kind.TIMEOUT,
          "no complete answer from " + uri + " within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw classify(uri, e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(Kind.UNREACHABLE, "interrupted");
    }
  }

  private FetchException classify(URI uri, Throwable cause) {
    if (BoundedBody.TooLarge.in(cause) != null) {
      return new FetchException(
          Kind.TOO_LARGE, "answer from " + uri + " exceeds " + maxBytes + " bytes");
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpTimeoutException) {
        return new FetchException(Kind.TIMEOUT, "no answer from " + uri + ": " + t.getMessage());
      }
    }
    return new FetchException(Kind.UNREACHABLE, uri + ": " + cause);
  }
}
