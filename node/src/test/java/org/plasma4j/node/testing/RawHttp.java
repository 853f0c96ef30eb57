package org.plasma4j.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A socket that speaks HTTP as badly as a test wants: bytes as given, from a chosen loopback
 * address (127.0.0.2 and up count as other peers than 127.0.0.1), and the raw answer read back.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  /** Connects from {@code fromAddress} (e.g. "127.0.0.2") to 127.0.0.1:{@code port}. */
  public static RawHttp connect(String fromAddress, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(fromAddress, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setTcpNoDelay(true);
    return new RawHttp(s);
  }

  public RawHttp send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Writes {@code n} bytes of filler (a body, or junk) in large writes; blocks while TCP does. */
  public RawHttp sendFiller(long n) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    for (long left = n; left > 0; left -= chunk.length) {
      socket.getOutputStream().write(chunk, 0, (int) Math.min(left, chunk.length));
    }
    socket.getOutputStream().flush();
    return this;
  }

  /** A complete POST of {@code json} with a correct Content-Length. */
  public static String post(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n" + json;
  }

  /** Everything the server sends until it closes the connection or {@code timeoutMillis} pass. */
  public String readUntilClosed(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      out.write("<still open>".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      out.write(("<" + e.getMessage() + ">").getBytes(StandardCharsets.US_ASCII));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** One response (headers and a Content-Length body) on a connection that stays open. */
  public String readResponse(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** True once the server has closed its side (a read sees end of stream or a reset). */
  public boolean closedByServer(int timeoutMillis) throws IOException {
    String rest = readUntilClosed(timeoutMillis);
    return !rest.endsWith("<still open>");
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket
    }
  }
}
