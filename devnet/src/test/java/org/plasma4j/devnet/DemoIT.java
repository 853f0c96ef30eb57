package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plasma4j.devnet.demo.Demo;

/**
 * Every demo scenario, end to end on a real anvil and a real operator: deposits, payments, a
 * challenged exit and processed exits, Plasma Cash coins (a challenged exit of a spent NFT, a
 * checkpoint), with L1 and L2 balances checked to the wei.
 */
class DemoIT {

  @Test
  void everyScenarioVerifiesEveryBalance() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    boolean held = Demo.run(Demo.SCENARIOS, out);

    String transcript = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(transcript);
    assertThat(transcript).doesNotContain("[FAILED]");
    assertThat(transcript).contains("Carol L1 ETH = before + Mallory's bond − gas");
    assertThat(transcript)
        .contains(
            "== scenario 'cash'",
            "[ok] Carol owns NFT 42 on L1",
            "[ok] Alice's exit was cancelled by Carol's challenge-after",
            "[ok] the checkpoint shrank the stored history");
    assertThat(transcript).containsPattern("ALL BALANCES VERIFIED: \\d+ checks held");
    assertThat(held).isTrue();
  }
}
