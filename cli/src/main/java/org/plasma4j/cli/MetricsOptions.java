package org.plasma4j.cli;

import picocli.CommandLine.Option;

/** Where a node serves /metrics, /health and /ready (docs/operations.md). */
final class MetricsOptions {

  @Option(
      names = "--metrics-host",
      defaultValue = "127.0.0.1",
      paramLabel = "<host>",
      description = "Interface of the monitoring port (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--metrics-port",
      paramLabel = "<port>",
      description = "Serve Prometheus /metrics, /health (liveness) and /ready (readiness) on this"
          + " port, apart from the JSON-RPC server; 0 for any free port (default: not served).")
  Integer port;

  @Option(
      names = "--ready-max-lag",
      defaultValue = "10",
      paramLabel = "<blocks>",
      description = "/ready fails while the node is more than this many blocks behind the root"
          + " chain's confirmed head (or, for a watcher, the last submitted child block)"
          + " (default ${DEFAULT-VALUE}).")
  long maxLagBlocks;

  boolean enabled() {
    return port != null;
  }
}
