package org.plasma4j.node.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * What one JSON-RPC server lets its clients take: connections, time, bytes. Every bound holds
 * against a client that sends nothing, sends slowly, lies about lengths or asks for more than fits
 * in memory; docs/rpc-errors.md says what a client sees when it hits one.
 *
 * @param maxConnections open connections in all; more are answered SERVER_BUSY and closed
 * @param maxConnectionsPerPeer open connections from one IP address (behind a proxy, the proxy's)
 * @param idleTimeout how long a connection may wait before sending the first byte of a request
 * @param headerTimeout from a request's first byte to the end of its headers
 * @param requestTimeout from a request's first byte to the end of its body
 * @param writeTimeout how long a response may take to be taken by a client that reads slowly
 * @param maxHeaderBytes request line plus headers
 * @param maxBodyBytes one request body (a declared Content-Length above it is refused at once)
 * @param queueCapacity complete requests waiting for a request thread; more are answered
 *     SERVER_BUSY
 * @param maxResponseBytes one response body; read calls past it answer RESPONSE_TOO_LARGE
 * @param maxBufferedBytes request bodies and responses held in memory by all requests together
 */
public record RpcLimits(
    int maxConnections,
    int maxConnectionsPerPeer,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration requestTimeout,
    Duration writeTimeout,
    int maxHeaderBytes,
    int maxBodyBytes,
    int queueCapacity,
    int maxResponseBytes,
    long maxBufferedBytes) {

  /** The largest request body by default (docs/rpc-errors.md, PAYLOAD_TOO_LARGE). */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

  public RpcLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    if (maxConnections < 1 || maxConnectionsPerPeer < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("connection caps and the queue capacity must be positive");
    }
    if (maxHeaderBytes < 1024 || maxBodyBytes < 1024 || maxResponseBytes < 1024) {
      throw new IllegalArgumentException("header, body and response limits must be at least 1 KiB");
    }
    if (maxBufferedBytes < Math.max(maxBodyBytes, maxResponseBytes)) {
      throw new IllegalArgumentException(
          "maxBufferedBytes must hold at least one largest body or response");
    }
    for (Duration d : new Duration[] {idleTimeout, headerTimeout, requestTimeout, writeTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }

  /**
   * Production defaults: 1,024 connections, 128 per address, 60 s idle, 10 s for headers, 60 s for
   * a whole request (a 32 MiB body at 560 KB/s), 16 KiB of headers, 32 MiB bodies and responses,
   * 256 queued requests, 512 MiB held for requests in progress.
   */
  public static RpcLimits defaults() {
    return new RpcLimits(
        1024,
        128,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        16 * 1024,
        DEFAULT_MAX_BODY_BYTES,
        256,
        32 * 1024 * 1024,
        512L * 1024 * 1024);
  }

  public RpcLimits withConnections(int total, int perPeer) {
    return new RpcLimits(
        total,
        perPeer,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        writeTimeout,
        maxHeaderBytes,
        maxBodyBytes,
        queueCapacity,
        maxResponseBytes,
        maxBufferedBytes);
  }

  public RpcLimits withTimeouts(Duration idle, Duration headers, Duration request, Duration write) {
    return new RpcLimits(
        maxConnections,
        maxConnectionsPerPeer,
        idle,
        headers,
        request,
        write,
        maxHeaderBytes,
        maxBodyBytes,
        queueCapacity,
        maxResponseBytes,
        maxBufferedBytes);
  }

  public RpcLimits withQueue(int capacity) {
    return new RpcLimits(
        maxConnections,
        maxConnectionsPerPeer,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        writeTimeout,
        maxHeaderBytes,
        maxBodyBytes,
        capacity,
        maxResponseBytes,
        maxBufferedBytes);
  }

  public RpcLimits withBytes(int maxBody, int maxResponse, long maxBuffered) {
    return new RpcLimits(
        maxConnections,
        maxConnectionsPerPeer,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        writeTimeout,
        maxHeaderBytes,
        maxBody,
        queueCapacity,
        maxResponse,
        maxBuffered);
  }
}
