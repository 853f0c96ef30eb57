package org.plasma4j.guardian;

import io.reactivex.Flowable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * The guardian's connection to the root chain, which hands the hash of every signed transaction to
 * a listener before it is broadcast: a listener that cannot record it (it throws) stops the
 * broadcast.
 */
final class BroadcastHook implements Web3jService {

  private final Web3jService delegate;
  private final Consumer<String> beforeBroadcast;

  BroadcastHook(Web3jService delegate, Consumer<String> beforeBroadcast) {
    this.delegate = delegate;
    this.beforeBroadcast = beforeBroadcast;
  }

  private void observe(Request<?, ?> request) {
    if ("eth_sendRawTransaction".equals(request.getMethod())) {
      beforeBroadcast.accept(Hash.sha3((String) request.getParams().getFirst()));
    }
  }

  @Override
  public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
    observe(request);
    return delegate.send(request, responseType);
  }

  @Override
  public <T extends Response> CompletableFuture<T> sendAsync(
      Request request, Class<T> responseType) {
    observe(request);
    return delegate.sendAsync(request, responseType);
  }

  @Override
  public BatchResponse sendBatch(BatchRequest requests) throws IOException {
    requests.getRequests().forEach(this::observe);
    return delegate.sendBatch(requests);
  }

  @Override
  public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest requests) {
    requests.getRequests().forEach(this::observe);
    return delegate.sendBatchAsync(requests);
  }

  @Override
  public <T extends Notification<?>> Flowable<T> subscribe(
      Request request, String unsubscribeMethod, Class<T> responseType) {
    return delegate.subscribe(request, unsubscribeMethod, responseType);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
