package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * The watcher's API (4 request threads) under the same hostile clients as the operator's: it serves
 * the same hardened server, so idle connections far past its threads and lying lengths leave it
 * answering, and its view of the chain unchanged.
 */
class WatcherApiHostileTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;

  final TestChain chain = new TestChain();

  @Test
  void idleConnectionsAndLyingLengthsDoNotStopTheApi() throws Exception {
    OutputPosition dep = chain.deposit(ALICE, 100);
    chain.submit(
        TxBuilder.payment().input(dep, ALICE).output(BOB, Address.ETH, 90).sign());
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      WatcherStatus before = w.status();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          idle.add(connect("127.0.0." + (2 + i % 4), w.rpcPort()));
        }
        for (int i = 0; i < 50; i++) { // some start a request and stop
          idle.get(i)
              .getOutputStream()
              .write("POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        try (Socket liar = connect("127.0.0.9", w.rpcPort())) {
          liar.getOutputStream()
              .write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775807\r\n\r\n{"
                  .getBytes(StandardCharsets.US_ASCII));
          assertThat(readAll(liar, 3_000)).startsWith("HTTP/1.1 413");
        }
        long start = System.nanoTime();
        String status = statusCall(w.rpcPort());
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(status).startsWith("HTTP/1.1 200").contains("\"lastValidatedBlock\":1000");
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      assertThat(w.status()).isEqualTo(before);
      assertThat(w.byzantineEvents(0)).isEmpty();
    }
  }

  private static Socket connect(String from, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return s;
  }

  private static String statusCall(int port) throws IOException {
    try (Socket s = connect("127.0.0.1", port)) {
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"watcher_status\",\"params\":[]}";
      s.getOutputStream()
          .write(("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                  + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.US_ASCII));
      return readAll(s, 3_000);
    }
  }

  private static String readAll(Socket s, int timeoutMillis) throws IOException {
    s.setSoTimeout(timeoutMillis);
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
