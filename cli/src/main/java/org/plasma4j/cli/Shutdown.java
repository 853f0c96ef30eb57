package org.plasma4j.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Long-running commands (devnet, operator) serve until Ctrl-C or SIGTERM, then close their
 * resources.
 */
final class Shutdown {

  private Shutdown() {}

  /** Blocks until the JVM begins shutting down. */
  static void await() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    stopped.await();
  }
}
