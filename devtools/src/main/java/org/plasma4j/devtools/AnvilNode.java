package org.plasma4j.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local anvil node started from the npm install, on a free loopback port. Tests, the devnet and
 * the benchmark each start their own and stop it when done. Besides the standard JSON-RPC it
 * exposes the anvil-only calls that Plasma tests need: time travel, snapshots and reorgs.
 */
public final class AnvilNode implements AutoCloseable {

  public static final long CHAIN_ID = 31337;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong ids = new AtomicLong();

  private AnvilNode(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts anvil with automine: every transaction is mined at once in its own block. */
  public static AnvilNode start() {
    return start(Options.defaults());
  }

  public static AnvilNode start(Options options) {
    int port = options.port() > 0 ? options.port() : freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(ToolPaths.anvil().toString());
    cmd.addAll(List.of(
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--chain-id",
        Long.toString(CHAIN_ID),
        "--accounts",
        Integer.toString(DevAccounts.COUNT),
        "--balance",
        "1000000",
        "--gas-limit",
        "60000000"));
    if (options.blockTimeSeconds() > 0) {
      cmd.addAll(List.of("--block-time", Integer.toString(options.blockTimeSeconds())));
    }
    try {
      Path log = Files.createTempFile("anvil-" + port + "-", ".log");
      Process process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      AnvilNode node = new AnvilNode(process, port, log);
      // a devnet stopped with Ctrl-C or SIGTERM must not leave its anvil running
      Runtime.getRuntime()
          .addShutdownHook(new Thread(node::stopProcesses, "anvil-" + port + "-stop"));
      node.awaitReady(Duration.ofSeconds(30));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start anvil", e);
    }
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return log;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Moves the chain's clock forward and mines a block, so that time-locked exits mature. */
  public void increaseTime(long seconds) {
    call("evm_increaseTime", "[" + seconds + "]");
    mine(1);
  }

  public void mine(int blocks) {
    call("anvil_mine", "[\"0x" + Integer.toHexString(blocks) + "\"]");
  }

  public String snapshot() {
    return call("evm_snapshot", "[]");
  }

  public void revert(String snapshotId) {
    call("evm_revert", "[\"" + snapshotId + "\"]");
  }

  public void setAutomine(boolean on) {
    call("evm_setAutomine", "[" + on + "]");
  }

  /** Replaces the last {@code depth} blocks with empty ones, as a root-chain reorg would. */
  public void reorg(int depth) {
    call("anvil_reorg", "[" + depth + ", []]");
  }

  public long blockNumber() {
    return new BigInteger(call("eth_blockNumber", "[]").substring(2), 16).longValue();
  }

  /** Sends a raw JSON-RPC call and returns its result as text; fails on a JSON-RPC error. */
  public String call(String method, String paramsJson) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":"
        + ids.incrementAndGet()
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + paramsJson
        + "}";
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(rpcUrl()))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode reply = JSON.readTree(response.body());
      if (reply.has("error")) {
        throw new IllegalStateException("anvil " + method + " failed: " + reply.get("error"));
      }
      return reply.path("result").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException("anvil " + method + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited at start; see " + log);
      }
      try {
        call("eth_chainId", "[]");
        return;
      } catch (RuntimeException notYet) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException("anvil did not answer within " + timeout + "; see " + log);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  @Override
  public void close() {
    stopProcesses();
  }

  /** npm's launcher runs anvil as a child of node and does not pass signals on, so stop both. */
  private void stopProcesses() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    try {
      for (ProcessHandle p : all) {
        p.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      all.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Start options: a fixed port (0 = any free one) and interval mining (0 = automine). */
  public record Options(int port, int blockTimeSeconds) {
    public static Options defaults() {
      return new Options(0, 0);
    }
  }
}
