package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * A block too large for one of the operator's answers: the operator refuses the whole block with
 * RESPONSE_TOO_LARGE and serves it in pages ([blkNum, offset, limit]), as its plasma_getBlock does
 * for a full block of ordinary payments (65,536 of them are more than the 16 MiB of transactions a
 * 32 MiB answer of hex holds). The wallet reads it page by page, each of the block and from the
 * index asked for, all of one block; a page that disagrees with the first is malformed.
 */
class OperatorBlockPagesTest {

  private static final String ROOT = "0x" + "11".repeat(32);
  private static final int TXS = 10;
  /** The transactions one answer of this operator holds. */
  private static final int FITS = 3;

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));

  @AfterEach
  void stop() {
    stub.close();
  }

  private static String tx(int i) {
    return String.format("0x%04x", i);
  }

  /** The operator's plasma_getBlock rule, each page then changed by {@code hostile}. */
  private void serving(UnaryOperator<Map<String, Object>> hostile) {
    stub.on("plasma_getBlock", params -> {
      int offset = params.size() > 1 ? params.get(1).asInt() : 0;
      int limit = params.size() > 2 ? params.get(2).asInt() : Integer.MAX_VALUE;
      int count = Math.min(limit, TXS - offset);
      if (count > FITS) {
        throw new StubOperator.RpcError(
            RpcError.RESPONSE_TOO_LARGE.code(), "from index " + offset + " only 3 fit");
      }
      List<String> page = new ArrayList<>();
      for (int i = offset; i < offset + count; i++) {
        page.add(tx(i));
      }
      Map<String, Object> b = new java.util.HashMap<>(StubOperator.block(1000, ROOT, 7L, page));
      b.put("txCount", TXS);
      b.put("offset", offset);
      return hostile.apply(b);
    });
  }

  private static int offsetOf(Map<String, Object> page) {
    return (Integer) page.get("offset");
  }

  @Test
  void aBlockTooLargeForOneAnswerIsReadInPagesOfIt() {
    serving(UnaryOperator.identity());
    OperatorClient.Block block = client.getBlock(1000);
    assertThat(block.transactions())
        .extracting(Bytes::toHex)
        .containsExactly(tx(0), tx(1), tx(2), tx(3), tx(4), tx(5), tx(6), tx(7), tx(8), tx(9));
    assertThat(block.root().toHex()).isEqualTo(ROOT);
    assertThat(block.timestamp()).isEqualTo(7);
    // pages halved from the most a block holds until one fits (2), each from where the last ended
    List<Integer> offsets = stub.requests().stream()
        .filter(r -> r.get("method").asText().equals("plasma_getBlock"))
        .map(r -> r.get("params"))
        .filter(p -> p.size() > 1)
        .map(p -> p.get(1).asInt())
        .distinct()
        .toList();
    assertThat(offsets).containsExactly(0, 2, 4, 6, 8);
  }

  @Test
  void aPageThatDisagreesWithTheFirstIsMalformed() {
    String p = "malformed operator answer: ";
    Map<UnaryOperator<Map<String, Object>>, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put(
        b -> {
          if (offsetOf(b) > 0) {
            b.put("root", "0x" + "22".repeat(32));
          }
          return b;
        },
        p + "the page from 2 is of another block than the page from 0");
    hostile.put(
        b -> {
          if (offsetOf(b) > 0) {
            b.put("txCount", TXS + 1);
          }
          return b;
        },
        p + "the page from 2 is of another block than the page from 0");
    hostile.put(
        b -> {
          if (offsetOf(b) > 0) {
            b.put("submitted", false);
            b.remove("timestamp");
          }
          return b;
        },
        p + "the page from 2 says the block is not submitted, an earlier page that it is");
    hostile.put(
        b -> {
          b.put("offset", 0);
          return b;
        },
        p + "transactions: a page from offset 0, not from 2 as asked");
    hostile.put(
        b -> {
          if (offsetOf(b) > 0) {
            b.put("transactions", List.of());
          }
          return b;
        },
        p + "transactions: an empty page from 2 of a block of 10");
    hostile.put(
        b -> {
          b.put("transactions", List.of(tx(0), tx(1), tx(2), tx(3), tx(4)));
          return b;
        },
        p + "transactions: 5 from offset 0, more than the 2 asked for");
    hostile.forEach((changes, message) -> {
      serving(changes);
      assertThatThrownBy(() -> client.getBlock(1000))
          .as(message)
          .isInstanceOf(OperatorUnreachable.class)
          .hasMessage(message);
    });
  }
}
