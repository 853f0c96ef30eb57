package org.plasma4j.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds idle and trickling connections open against a local JSON-RPC server for a while, reopening
 * each one the server closes: the load of a slow-connection attacker, to run beside a benchmark.
 * Loopback only. Runs without a build, from source:
 *
 * <pre>
 * java operator/src/test/java/org/plasma4j/operator/testing/IdleConnections.java PORT COUNT SECONDS
 * </pre>
 *
 * Connections come from 127.0.0.2 and up, at most 100 per address. Even ones send nothing; odd ones
 * send a request line and then one header byte every 2 s, never finishing.
 */
public final class IdleConnections {

  private static final int PER_ADDRESS = 100;

  private record Conn(int index, Socket socket) {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    List<Conn> conns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      conns.add(open(i, port));
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long reopened = 0;
    long lastReport = 0;
    long lastTrickle = 0;
    while (System.nanoTime() < end) {
      boolean trickle = System.nanoTime() - lastTrickle > 2_000_000_000L;
      if (trickle) {
        lastTrickle = System.nanoTime();
      }
      for (int i = 0; i < conns.size(); i++) {
        Conn c = conns.get(i);
        if (closed(c.socket()) || (trickle && c.index() % 2 == 1 && !send(c.socket(), "a"))) {
          c.socket().close();
          try {
            conns.set(i, open(c.index(), port));
          } catch (java.net.ConnectException gone) {
            System.err.printf(
                "idle-connections: the server is gone; %d reopened in all%n", reopened);
            return;
          }
          reopened++;
        }
      }
      if (System.nanoTime() - lastReport > 5_000_000_000L) {
        lastReport = System.nanoTime();
        System.err.printf(
            "idle-connections: %d held, %d reopened so far%n", conns.size(), reopened);
      }
      Thread.sleep(200);
    }
    for (Conn c : conns) {
      c.socket().close();
    }
    System.err.printf("idle-connections: done, %d reopened in all%n", reopened);
  }

  private static Conn open(int index, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress("127.0.0." + (2 + index / PER_ADDRESS), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(1);
    if (index % 2 == 1) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    }
    return new Conn(index, s);
  }

  private static boolean send(Socket s, String text) {
    try {
      s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * True once the server has answered or closed: either way the connection is done for the
   * attacker.
   */
  private static boolean closed(Socket s) {
    try {
      InputStream in = s.getInputStream();
      in.read(); // a byte (an answer) or the end of the stream: the server is done with it
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
