package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;

/**
 * An operator that refuses every page of more than one transaction as too large, then answers each
 * page of one just within the call's timeout, would hold a wallet reading its block for the block's
 * count of calls (65,536 of them at most, each up to the timeout): days, while the wallet waits on
 * inclusion with a timeout of minutes. A block read against a deadline stops at it.
 */
class OperatorBlockPagesDeadlineAttackTest {

  private static final String ROOT = "0x" + "11".repeat(32);
  private static final int TXS = 1_000;
  private static final long PAGE_MILLIS = 20;

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));

  @AfterEach
  void stop() {
    stub.close();
  }

  private void servingOneTransactionAPage() {
    stub.on("plasma_getBlock", params -> {
      int offset = params.get(1).asInt();
      if (params.get(2).asInt() > 1) {
        throw new StubOperator.RpcError(RpcError.RESPONSE_TOO_LARGE.code(), "too large");
      }
      try {
        Thread.sleep(PAGE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Map<String, Object> b = new HashMap<>(
          StubOperator.block(1000, ROOT, 7L, List.of(String.format("0x%04x", offset))));
      b.put("txCount", TXS);
      b.put("offset", offset);
      return b;
    });
  }

  private long pagesAsked() {
    return stub.requests().stream()
        .filter(r -> r.get("method").asText().equals("plasma_getBlock"))
        .count();
  }

  @Test
  void aBlockReadOnePageAtATimeStopsAtTheDeadline() {
    servingOneTransactionAPage();
    long start = System.nanoTime();
    long deadline = start + Duration.ofMillis(400).toNanos();
    assertThatThrownBy(() -> client.getBlock(1000, deadline))
        .isInstanceOf(WalletException.Timeout.class)
        .hasMessageStartingWith("operator at " + stub.url())
        .hasMessageContaining("did not serve block 1000 by the deadline")
        .hasMessageEndingWith(" of its 1000 transactions read");
    // stopped at the deadline, not after the 1,000 pages of 20 ms (20 s) the operator would take
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(pagesAsked()).isLessThan(100);
  }
}
