package org.plasma4j.cli;

import java.time.Duration;
import org.plasma4j.node.rpc.RpcLimits;
import picocli.CommandLine.Option;

/**
 * The JSON-RPC server's limits on what one client may take (docs/rpc-errors.md, "Limits of the HTTP
 * server"); an option not given keeps its default.
 */
public final class RpcLimitOptions {

  @Option(
      names = "--rpc-max-connections",
      paramLabel = "<n>",
      description = "Open connections in all; more are answered SERVER_BUSY (default 1024).")
  Integer maxConnections;

  @Option(
      names = "--rpc-max-connections-per-ip",
      paramLabel = "<n>",
      description = "Open connections from one IP address, a proxy's included (default 128).")
  Integer maxConnectionsPerPeer;

  @Option(
      names = "--rpc-idle-timeout",
      paramLabel = "<seconds>",
      description =
          "How long a connection may wait before the first byte of a request (default 60).")
  Long idleSeconds;

  @Option(
      names = "--rpc-header-timeout",
      paramLabel = "<seconds>",
      description = "From a request's first byte to the end of its headers (default 10).")
  Long headerSeconds;

  @Option(
      names = "--rpc-request-timeout",
      paramLabel = "<seconds>",
      description = "From a request's first byte to the end of its body (default 60).")
  Long requestSeconds;

  @Option(
      names = "--rpc-write-timeout",
      paramLabel = "<seconds>",
      description = "How long a slow reader may take to take an answer (default 60).")
  Long writeSeconds;

  @Option(
      names = "--rpc-max-header-bytes",
      paramLabel = "<bytes>",
      description = "Request line and headers (default 16384).")
  Integer maxHeaderBytes;

  @Option(
      names = "--rpc-max-body-bytes",
      paramLabel = "<bytes>",
      description = "One request body (default 33554432, 32 MiB).")
  Integer maxBodyBytes;

  @Option(
      names = "--rpc-queue",
      paramLabel = "<n>",
      description =
          "Complete requests waiting for a request thread; more are answered SERVER_BUSY (default 256).")
  Integer queueCapacity;

  @Option(
      names = "--rpc-max-response-bytes",
      paramLabel = "<bytes>",
      description =
          "One answer; read calls past it answer RESPONSE_TOO_LARGE (default 33554432, 32 MiB).")
  Integer maxResponseBytes;

  @Option(
      names = "--rpc-max-buffered-bytes",
      paramLabel = "<bytes>",
      description =
          "Request bodies and answers held in memory by all requests together (default 536870912, 512 MiB).")
  Long maxBufferedBytes;

  /**
   * The limits with the options given applied.
   *
   * @throws IllegalArgumentException if they are out of range (a bad-input exit, before anything
   *     starts)
   */
  RpcLimits limits() {
    RpcLimits d = RpcLimits.defaults();
    return new RpcLimits(
        or(maxConnections, d.maxConnections()),
        or(maxConnectionsPerPeer, d.maxConnectionsPerPeer()),
        seconds(idleSeconds, d.idleTimeout(), "--rpc-idle-timeout"),
        seconds(headerSeconds, d.headerTimeout(), "--rpc-header-timeout"),
        seconds(requestSeconds, d.requestTimeout(), "--rpc-request-timeout"),
        seconds(writeSeconds, d.writeTimeout(), "--rpc-write-timeout"),
        or(maxHeaderBytes, d.maxHeaderBytes()),
        or(maxBodyBytes, d.maxBodyBytes()),
        or(queueCapacity, d.queueCapacity()),
        or(maxResponseBytes, d.maxResponseBytes()),
        maxBufferedBytes != null ? maxBufferedBytes : d.maxBufferedBytes());
  }

  private static int or(Integer value, int fallback) {
    return value != null ? value : fallback;
  }

  private static Duration seconds(Long value, Duration fallback, String option) {
    if (value == null) {
      return fallback;
    }
    if (value <= 0) {
      throw new IllegalArgumentException(
          option + " must be a positive number of seconds, got " + value);
    }
    return Duration.ofSeconds(value);
  }
}
