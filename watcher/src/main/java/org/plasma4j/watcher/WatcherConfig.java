package org.plasma4j.watcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.plasma4j.core.types.Address;
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
    return toBuilder().rpcHost(host).rpcPort(port).build();
  }

  public WatcherConfig withFollowing(int confirmations, Duration poll, long startL1Block) {
    return toBuilder()
        .confirmations(confirmations)
        .pollInterval(poll)
        .startL1Block(startL1Block)
        .build();
  }

  public WatcherConfig withTimeouts(
      Duration withholding, Duration margin, Duration operatorRequest) {
    return toBuilder()
        .withholdingTimeout(withholding)
        .unchallengedMargin(margin)
        .operatorTimeout(operatorRequest)
        .build();
  }

  public WatcherConfig watching(Set<Address> owners) {
    return toBuilder().watched(owners).build();
  }

  public WatcherConfig withMaxResponseBytes(int max) {
    return toBuilder().maxResponseBytes(max).build();
  }

  public WatcherConfig withOperatorMirrors(List<URI> mirrors) {
    return toBuilder().operatorMirrors(mirrors).build();
  }

  public WatcherConfig withRpcLimits(RpcLimits limits) {
    return toBuilder().rpcLimits(limits).build();
  }

  public WatcherConfig withOperatorSilenceTimeout(Duration silence) {
    return toBuilder().operatorSilenceTimeout(silence).build();
  }

  /** A builder holding this record's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets any of a {@link WatcherConfig}'s values; {@link #build} checks them all. */
  public static final class Builder {
    private URI operatorUrl;
    private String rpcHost;
    private int rpcPort;
    private Path dataDir;
    private int confirmations;
    private Duration withholdingTimeout;
    private Duration unchallengedMargin;
    private Duration pollInterval;
    private long startL1Block;
    private Set<Address> watched;
    private Duration operatorTimeout;
    private int maxResponseBytes;
    private Duration operatorSilenceTimeout;
    private List<URI> operatorMirrors;
    private RpcLimits rpcLimits;

    private Builder(WatcherConfig from) {
      this.operatorUrl = from.operatorUrl;
      this.rpcHost = from.rpcHost;
      this.rpcPort = from.rpcPort;
      this.dataDir = from.dataDir;
      this.confirmations = from.confirmations;
      this.withholdingTimeout = from.withholdingTimeout;
      this.unchallengedMargin = from.unchallengedMargin;
      this.pollInterval = from.pollInterval;
      this.startL1Block = from.startL1Block;
      this.watched = from.watched;
      this.operatorTimeout = from.operatorTimeout;
      this.maxResponseBytes = from.maxResponseBytes;
      this.operatorSilenceTimeout = from.operatorSilenceTimeout;
      this.operatorMirrors = from.operatorMirrors;
      this.rpcLimits = from.rpcLimits;
    }

    public Builder operatorUrl(URI operatorUrl) {
      this.operatorUrl = operatorUrl;
      return this;
    }

    public Builder rpcHost(String rpcHost) {
      this.rpcHost = rpcHost;
      return this;
    }

    public Builder rpcPort(int rpcPort) {
      this.rpcPort = rpcPort;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder confirmations(int confirmations) {
      this.confirmations = confirmations;
      return this;
    }

    public Builder withholdingTimeout(Duration withholdingTimeout) {
      this.withholdingTimeout = withholdingTimeout;
      return this;
    }

    public Builder unchallengedMargin(Duration unchallengedMargin) {
      this.unchallengedMargin = unchallengedMargin;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    public Builder startL1Block(long startL1Block) {
      this.startL1Block = startL1Block;
      return this;
    }

    public Builder watched(Set<Address> watched) {
      this.watched = watched;
      return this;
    }

    public Builder operatorTimeout(Duration operatorTimeout) {
      this.operatorTimeout = operatorTimeout;
      return this;
    }

    public Builder maxResponseBytes(int maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    public Builder operatorSilenceTimeout(Duration operatorSilenceTimeout) {
      this.operatorSilenceTimeout = operatorSilenceTimeout;
      return this;
    }

    public Builder operatorMirrors(List<URI> operatorMirrors) {
      this.operatorMirrors = operatorMirrors;
      return this;
    }

    public Builder rpcLimits(RpcLimits rpcLimits) {
      this.rpcLimits = rpcLimits;
      return this;
    }

    public WatcherConfig build() {
      return new WatcherConfig(
          operatorUrl,
          rpcHost,
          rpcPort,
          dataDir,
          confirmations,
          withholdingTimeout,
          unchallengedMargin,
          pollInterval,
          startL1Block,
          watched,
          operatorTimeout,
          maxResponseBytes,
          operatorSilenceTimeout,
          operatorMirrors,
          rpcLimits);
    }
  }
}
