package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ETH;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * plasma_getUtxos answers a page of an owner's outputs after a cursor; the wallet reads page after
 * page until one is short. An operator that repeats a page, goes back, or lists valid outputs
 * without end must not make the wallet count an output twice or read forever.
 */
class OperatorUtxoPagesAttackTest {

  private static final int PAGE = 10;

  private final StubOperator stub = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(stub.url()));

  @AfterEach
  void stop() {
    stub.close();
  }

  private static long position(int i) {
    return OutputPosition.of(1000L * (i + 1), 0, 0).encode();
  }

  private static Map<String, Object> output(int i) {
    return StubOperator.utxo(position(i), ALICE.toHex(), ETH, String.valueOf(i + 1));
  }

  /** The outputs {@code [from, to)} of an owner with {@code count} of them. */
  private static List<Map<String, Object>> outputs(int from, int to) {
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = from; i < to; i++) {
      page.add(output(i));
    }
    return page;
  }

  /** The index of the first output after the request's cursor, as an honest operator finds it. */
  private static int firstAfter(JsonNode params) {
    long after = params.get(1).asLong();
    int i = 0;
    while (position(i) <= after) {
      i++;
    }
    return i;
  }

  private List<JsonNode> pagesAsked() {
    return stub.requests().stream()
        .filter(r -> r.get("method").asText().equals("plasma_getUtxos"))
        .map(r -> r.get("params"))
        .toList();
  }

  private long deadline(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  @Test
  void anOwnersOutputsAcrossPagesAreReadWholeEachPageAfterTheLast() {
    stub.on("plasma_getUtxos", params -> {
      int from = firstAfter(params);
      return outputs(from, Math.min(25, from + params.get(2).asInt()));
    });

    UtxoListing read = client.getUtxos(
        ALICE, PAGE, OperatorClient.MAX_UTXO_PAGES, deadline(Duration.ofSeconds(10)));

    assertThat(read.complete()).isTrue();
    assertThat(read.outputs())
        .extracting(Utxo::position)
        .containsExactlyElementsOf(
            outputs(0, 25).stream().map(o -> (long) o.get("position")).toList());
    assertThat(pagesAsked())
        .extracting(p -> p.get(1).asLong())
        .containsExactly(0L, position(9), position(19));
    assertThat(pagesAsked()).extracting(p -> p.get(2).asInt()).containsOnly(PAGE);
  }

  @Test
  void anOperatorRepeatingAPageIsMalformedNamingTheRepeatedOutput() {
    stub.on("plasma_getUtxos", outputs(0, PAGE)); // the same full page whatever the cursor

    assertThatThrownBy(() -> client.getUtxos(
            ALICE, PAGE, OperatorClient.MAX_UTXO_PAGES, deadline(Duration.ofSeconds(10))))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [10].position " + position(0) + " is not after "
            + position(9) + ": outputs repeat or go back");
    assertThat(pagesAsked()).hasSize(2);
  }

  @Test
  void anOperatorListingAnOutputTwiceInAPageIsMalformed() {
    List<Map<String, Object>> page = outputs(0, 3);
    page.add(output(1));
    stub.on("plasma_getUtxos", page);

    assertThatThrownBy(() -> client.getUtxos(ALICE))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [3].position " + position(1) + " is not after "
            + position(2) + ": outputs repeat or go back");
  }

  @Test
  void aPageLongerThanAskedIsMalformed() {
    stub.on("plasma_getUtxos", outputs(0, PAGE + 1));

    assertThatThrownBy(() -> client.getUtxos(
            ALICE, PAGE, OperatorClient.MAX_UTXO_PAGES, deadline(Duration.ofSeconds(10))))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: a page of 11 outputs after position 0, more than"
            + " the 10 asked for");
  }

  /**
   * Every page valid and full, the cursor moving on each time: the pages bound ends the read, and
   * what was read is the listing, marked incomplete.
   */
  @Test
  void anOperatorListingValidPagesWithoutEndGivesAnIncompleteListingAtThePagesBound() {
    stub.on("plasma_getUtxos", params -> {
      int from = firstAfter(params);
      return outputs(from, from + params.get(2).asInt());
    });

    UtxoListing read = client.getUtxos(ALICE, PAGE, 5, deadline(Duration.ofSeconds(10)));

    assertThat(read.complete()).isFalse();
    assertThat(read.outputs())
        .extracting(Utxo::position)
        .containsExactlyElementsOf(
            outputs(0, 50).stream().map(o -> (long) o.get("position")).toList());
    // outputs 1..50 wei
    assertThat(read.balances())
        .containsExactly(Map.entry(Address.fromHex(ETH), java.math.BigInteger.valueOf(1275)));
    assertThat(pagesAsked()).hasSize(5);
  }

  /** Exactly as many outputs as the bound: a short page ends the listing only after it. */
  @Test
  void aListingEndingWithAFullPageAtTheBoundIsMarkedIncompleteAndAShortOneComplete() {
    stub.on("plasma_getUtxos", params -> {
      int from = firstAfter(params);
      return outputs(from, Math.min(49, from + params.get(2).asInt()));
    });
    UtxoListing read = client.getUtxos(ALICE, PAGE, 5, deadline(Duration.ofSeconds(10)));
    assertThat(read.complete()).isTrue();
    assertThat(read.outputs()).hasSize(49);

    stub.on("plasma_getUtxos", params -> {
      int from = firstAfter(params);
      return outputs(from, Math.min(50, from + params.get(2).asInt()));
    });
    // the operator may hold more: nothing in five full pages says otherwise
    assertThat(client.getUtxos(ALICE, PAGE, 5, deadline(Duration.ofSeconds(10))).complete())
        .isFalse();
  }

  /**
   * One output is asked for as a page of one after the position before it, so an owner with more
   * outputs than a listing reads can still wait for any of them; the page is checked as any other.
   */
  @Test
  void oneOutputIsReadByItsPositionWhateverTheOwnerHoldsBeforeIt() {
    stub.on("plasma_getUtxos", params -> {
      int from = firstAfter(params);
      return outputs(from, from + params.get(2).asInt()); // without end
    });
    long deadline = deadline(Duration.ofSeconds(10));

    assertThat(client.getUtxo(ALICE, position(250_000), deadline))
        .hasValueSatisfying(u -> assertThat(u.amount()).isEqualTo(250_001));
    assertThat(pagesAsked()).singleElement().satisfies(p -> {
      assertThat(p.get(1).asLong()).isEqualTo(position(250_000) - 1);
      assertThat(p.get(2).asInt()).isEqualTo(1);
    });
    // a position the operator does not list as spendable: the next output is not it
    long notListed = OutputPosition.of(1000L * 3, 0, 1).encode();
    assertThat(client.getUtxo(ALICE, notListed, deadline)).isEmpty();

    stub.on("plasma_getUtxos", outputs(0, 1)); // an output before the one asked for
    assertThatThrownBy(() -> client.getUtxo(ALICE, position(5), deadline))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [0].position " + position(0) + " is not after "
            + (position(5) - 1) + ": outputs repeat or go back");
    stub.on("plasma_getUtxos", outputs(5, 7)); // more than the one asked for
    assertThatThrownBy(() -> client.getUtxo(ALICE, position(5), deadline))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: a page of 2 outputs after position "
            + (position(5) - 1) + ", more than the 1 asked for");
  }

  /** Pages without end, each slow: the deadline for the whole read ends it. */
  @Test
  void anOperatorDrippingPagesIsStoppedAtTheDeadline() {
    stub.on("plasma_getUtxos", params -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int from = firstAfter(params);
      return outputs(from, from + params.get(2).asInt());
    });

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.getUtxos(ALICE, PAGE, 1_000, deadline(Duration.ofMillis(550))))
        .isInstanceOf(WalletException.Timeout.class)
        .hasMessageStartingWith("operator at " + stub.url() + " did not list the outputs of "
            + ALICE + " by the deadline: ")
        .hasMessageMatching(".*: [0-9]+0 read in [4-6] pages");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(pagesAsked().size()).isBetween(5, 7);
  }
}
