package org.plasma4j.rootchain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import org.plasma4j.core.types.Bytes32;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * A read's block named by its hash (EIP-1898): {@code {"blockHash": h, "requireCanonical": true}}.
 * A read named by number answers from whichever block holds that number when it arrives; one named
 * this way answers from that very block or fails, so reads that must agree with one another and
 * with events already read cannot be answered by a block a reorg put in its place.
 */
public record BlockByHash(Bytes32 hash) implements DefaultBlockParameter {

  /** The hash alone, for calls that take a hash where they take a block (eth_getBlockByHash). */
  @Override
  public String getValue() {
    return hash.toHex();
  }

  /** What the node is sent as the block parameter. */
  @JsonValue
  public Map<String, Object> eip1898() {
    return Map.of("blockHash", hash.toHex(), "requireCanonical", true);
  }
}
