package org.plasma4j.watcher.childchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.SignedTransaction;

/**
 * Proof of concept (fails on purpose): what a block body read from the operator may take is bounded only
 * by MerkleTree.CAPACITY pages of maxResponseBytes each (65,536 x 64 MiB by default), because a single
 * transaction's size is never checked while paging, although no signed transaction may exceed
 * SignedTransaction.MAX_ENCODED_SIZE (2,048) bytes. A hostile operator serves one huge transaction per
 * page and the watcher keeps them all in memory before it checks the root.
 */
class OversizedBodyPocTest {

  @Test
  void aTransactionLargerThanAnySignedTransactionIsRefusedWhileReading() throws Exception {
    int pages = 20;
    String huge = "0x" + "ab".repeat(30_000); // 30,000 bytes per transaction, one per page
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        byte[] b = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"blkNum\":1000,\"txCount\":" + pages
            + ",\"transactions\":[\"" + huge + "\"]}}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
    server.start();
    try {
      var op = new JsonRpcOperatorBlocks(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
          Duration.ofSeconds(2), 64 * 1024);
      long read;
      try {
        read = op.block(1000).stream().mapToLong(t -> t.toArray().length).sum();
      } catch (FetchException refused) {
        read = 0;
      }
      assertThat(read).as("bytes of transactions no valid block can hold, kept in memory")
          .isLessThanOrEqualTo((long) pages * SignedTransaction.MAX_ENCODED_SIZE);
    } finally {
      server.stop(0);
    }
  }
}
