package org.plasma4j.watcher.childchain;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;

/**
 * A scripted operator on a free local port for the watcher's HTTP tests: each exchange on a daemon
 * thread of its own, so an answer a test holds back never blocks the next request or the JVM's
 * exit.
 */
public final class LocalHttp {

  private LocalHttp() {}

  /** Serves {@code handler} at {@code /}, started. */
  public static HttpServer serve(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", handler);
    server.start();
    return server;
  }

  public static URI uri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
