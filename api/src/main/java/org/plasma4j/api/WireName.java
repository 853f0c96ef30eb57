package org.plasma4j.api;

/** The name a JSON-RPC method is called by on the wire, e.g. {@code plasma_getBlock}. */
public interface WireName {
  String wireName();
}
