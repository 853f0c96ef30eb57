package org.plasma4j.watcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.plasma4j.core.types.Address;
import org.plasma4j.node.config.RecordEdit;
import org.plasma4j.node.rpc.RpcLimits;

/**
 * Everything a watcher is configured with (the challenger key is not here: it is passed to the node
 * as an {@code ExitChallenger}, so a config never holds a secret).
 *
 * @param operatorUrl the operator's JSON-RPC endpoint
 * @param rpcPort the watcher's own JSON-RPC port, 0 for any free port
 * @param confirmations root-chain blocks an event needs above it before the watcher acts on it
 * @param withholdingTimeout how long a submitted block may stay unobtainable before
 *     block_withholding
 * @param unchallengedMargin how close to its exitableAt an invalid exit must be to be
 *     unchallenged_exit
 * @param startL1Block the root-chain block the framework was deployed in
 * @param watched owners for whom piggyback_available is reported
 * @param operatorTimeout deadline of one whole request to the operator
 * @param maxResponseBytes the largest answer read from the operator
 * @param operatorSilenceTimeout how long the operator may answer nothing at all before the blocks
 *     it does not deliver count as withheld; far longer than {@code withholdingTimeout}, which
 *     applies when the operator answers but does not serve a block (docs/watcher.md, "Unreachable
 *     or withholding")
 * @param operatorMirrors further endpoints serving the same chain: a body that does not match its
 *     root is fetched again from each of them before it is reported
 * @param rpcLimits what one client of the watcher's own API may take (docs/rpc-errors.md)
 */
public record WatcherConfig(
    URI operatorUrl,
    String rpcHost,
    int rpcPort,
    Path dataDir,
    int confirmations,
    Duration withholdingTimeout,
    Duration unchallengedMargin,
    Duration pollInterval,
    long startL1Block,
    Set<Address> watched,
    Duration operatorTimeout,
    int maxResponseBytes,
    Duration operatorSilenceTimeout,
    List<URI> operatorMirrors,
    RpcLimits rpcLimits) {

  /**
   * The default {@code operatorSilenceTimeout}: an outage, not a withheld block, until proven
   * otherwise.
   */
  public static final Duration DEFAULT_OPERATOR_SILENCE_TIMEOUT = Duration.ofMinutes(10);

  /**
   * 64 MiB: a full block of 65,536 maximum-size transactions in hex is about 270 MiB, real ones far
   * less.
   */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  public WatcherConfig {
    Objects.requireNonNull(operatorUrl, "operatorUrl");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(operatorSilenceTimeout, "operatorSilenceTimeout");
    watched = Set.copyOf(watched);
    operatorMirrors = operatorMirrors == null ? List.of() : List.copyOf(operatorMirrors);
    rpcLimits = rpcLimits == null ? RpcLimits.defaults() : rpcLimits;
    if (confirmations < 0 || maxResponseBytes < 1024) {
      throw new IllegalArgumentException(
          "confirmations >= 0 and maxResponseBytes >= 1024 required");
    }
  }

  /**
   * Local defaults: 12 confirmations, 1 minute withholding timeout, 10 minutes of operator silence,
   * 1 day margin, 1 s polling.
   */
  public static WatcherConfig defaults(URI operatorUrl, Path dataDir) {
    return new WatcherConfig(
        operatorUrl,
        "127.0.0.1",
        9657,
        dataDir,
        12,
        Duration.ofMinutes(1),
        Duration.ofDays(1),
        Duration.ofSeconds(1),
        0,
        Set.of(),
        Duration.ofSeconds(10),
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_OPERATOR_SILENCE_TIMEOUT,
        List.of(),
        RpcLimits.defaults());
  }

  public WatcherConfig withRpc(String host, int port) {
    return with(c -> {
      c.rpcHost = host;
      c.rpcPort = port;
    });
  }

  public WatcherConfig withFollowing(int confirmations, Duration poll, long startL1Block) {
    return with(c -> {
      c.confirmations = confirmations;
      c.pollInterval = poll;
      c.startL1Block = startL1Block;
    });
  }

  public WatcherConfig withTimeouts(
      Duration withholding, Duration margin, Duration operatorRequest) {
    return with(c -> {
      c.withholdingTimeout = withholding;
      c.unchallengedMargin = margin;
      c.operatorTimeout = operatorRequest;
    });
  }

  public WatcherConfig watching(Set<Address> owners) {
    return with(c -> c.watched = owners);
  }

  public WatcherConfig withMaxResponseBytes(int max) {
    return with(c -> c.maxResponseBytes = max);
  }

  public WatcherConfig withOperatorMirrors(List<URI> mirrors) {
    return with(c -> c.operatorMirrors = mirrors);
  }

  public WatcherConfig withRpcLimits(RpcLimits limits) {
    return with(c -> c.rpcLimits = limits);
  }

  public WatcherConfig withOperatorSilenceTimeout(Duration silence) {
    return with(c -> c.operatorSilenceTimeout = silence);
  }

  /**
   * This config with the values {@code change} sets on a copy of it ({@code c -> c.rpcPort = 0}),
   * checked as the constructor checks them.
   */
  public WatcherConfig with(Consumer<Values> change) {
    return RecordEdit.with(this, new Values(), change);
  }

  /** The values of a {@link WatcherConfig} while they are being changed; see {@link #with}. */
  public static final class Values {
    public URI operatorUrl;
    public String rpcHost;
    public int rpcPort;
    public Path dataDir;
    public int confirmations;
    public Duration withholdingTimeout;
    public Duration unchallengedMargin;
    public Duration pollInterval;
    public long startL1Block;
    public Set<Address> watched;
    public Duration operatorTimeout;
    public int maxResponseBytes;
    public Duration operatorSilenceTimeout;
    public List<URI> operatorMirrors;
    public RpcLimits rpcLimits;

    private Values() {}
  }
}
