package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.DevnetWatcher;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The explorer's root-chain view on a real anvil, read through its HTTP API: an event is shown only
 * once {@value #CONFIRMATIONS} blocks are above it, a reorg that drops a confirmed deposit takes it
 * off the pages, a challenged standard exit is listed in the queue exactly while L1's heap holds it
 * (popping it emits no event), and the framework's state is read at the confirmed block, not the
 * head.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerL1IT {
  private static final int CONFIRMATIONS = 2;
  private static final BigInteger ETHER = Devnet.ETHER;
  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int MALLORY = 4;
  private static final int CAROL = 5;
  private static final int PROCESSOR = 9;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExplorerDevnet env;
  private Devnet devnet;
  private AnvilNode anvil;
  private Explorer explorer;
  private FrameworkClient reader;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    env = ExplorerDevnet.start(Devnet.Options.defaults(), CONFIRMATIONS);
    devnet = env.devnet();
    anvil = devnet.anvil();
    explorer = env.explorer();
    reader = new FrameworkClient(devnet.web3j(), Devnet.credentials(PROCESSOR), devnet.framework());
  }

  @AfterAll
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Order(10)
  void aChallengedExitIsQueuedWhileL1sHeapHoldsItAndSettledOnceProcessingPopsIt() {
    Deposit deposit = env.exitOfASpentDeposit(MALLORY, Devnet.address(BOB), WAIT);
    await("the watcher's challenge on L1", () -> reader.standardExitState(deposit.position()) == 2);
    anvil.mine(CONFIRMATIONS);

    // challenged but still in the heap: listed in the queue, as challenged, and L1 agrees
    JsonNode queue = ethQueue();
    assertThat(rows(queue))
        .isEqualTo(reader.exitQueueLength(Address.ETH))
        .isEqualTo(BigInteger.ONE);
    JsonNode row = queue.path("entries").get(0);
    assertThat(row.path("position").asLong()).isEqualTo(deposit.position());
    assertThat(row.path("status").asText()).isEqualTo("challenged");
    assertThat(row.path("detail").asText())
        .isEqualTo("challenged by " + Devnet.address(DevnetWatcher.CHALLENGER).toHex()
            + "; leaves the queue unpaid when processing reaches it");
    assertThat(queue.path("head").path("position").asLong()).isEqualTo(deposit.position());
    assertThat(queue.path("settled")).isEmpty();

    // processing pops it unpaid and emits nothing: the processor pays the gas and earns no bounty
    FrameworkClient.QueueHead head = reader.nextExit(Address.ETH).orElseThrow();
    anvil.increaseTime(head.exitableAt() - reader.latestTimestamp() + 1);
    BigInteger processorBefore = reader.ethBalance(Devnet.address(PROCESSOR));
    BigInteger malloryBefore = reader.ethBalance(Devnet.address(MALLORY));
    BigInteger gasBefore = reader.gasCostWei();
    TransactionReceipt processed = reader.processExits(Address.ETH, 10);
    assertThat(processed.getLogs()).isEmpty();
    assertThat(reader.exitQueueLength(Address.ETH)).isZero();
    assertThat(reader.ethBalance(Devnet.address(PROCESSOR)))
        .isEqualTo(processorBefore.subtract(reader.gasCostWei().subtract(gasBefore)));
    assertThat(reader.ethBalance(Devnet.address(MALLORY))).isEqualTo(malloryBefore);
    assertThat(reader.standardExitState(deposit.position())).isEqualTo(2);
    anvil.mine(CONFIRMATIONS);

    // its final status stays challenged, it has left the queue, and the rows are L1's again
    queue = ethQueue();
    assertThat(rows(queue)).isEqualTo(reader.exitQueueLength(Address.ETH)).isZero();
    assertThat(queue.has("head")).isFalse();
    JsonNode settled = queue.path("settled").get(0);
    assertThat(settled.path("position").asLong()).isEqualTo(deposit.position());
    assertThat(settled.path("status").asText()).isEqualTo("challenged");
    assertThat(settled.path("open").asBoolean()).isFalse();
    assertThat(settled.path("detail").asText()).endsWith("; left the queue unpaid");
    JsonNode mallorysExits = get("address/" + Devnet.address(MALLORY).toHex()).path("exits");
    assertThat(mallorysExits).singleElement().satisfies(e -> {
      assertThat(e.path("status").asText()).isEqualTo("challenged");
      assertThat(e.path("open").asBoolean()).isFalse();
    });
  }

  @Test
  @Order(20)
  void aDepositIsShownOnceConfirmedAndTakenOffThePagesWhenAReorgDropsIt() {
    PlasmaWallet alice = devnet.wallet(ALICE);
    Deposit deposit = alice.deposit(Address.ETH, ETHER);
    long blkNum = OutputPosition.decode(deposit.position()).blkNum();
    long l1Block = deposit.receipt().blockNumber();
    assertThat(anvil.blockNumber()).isEqualTo(l1Block);

    // on L1, but not yet confirmed: the explorer does not know the deposit block
    assertThat(status("block/" + blkNum)).isEqualTo(404);
    anvil.mine(CONFIRMATIONS - 1);
    assertThat(status("block/" + blkNum)).isEqualTo(404);
    assertThat(deposits(alice)).isEmpty();

    anvil.mine(1);
    JsonNode block = get("block/" + blkNum);
    assertThat(block.path("kind").asText()).isEqualTo("deposit");
    assertThat(block.path("l1Block").asLong()).isEqualTo(l1Block);
    assertThat(block.path("deposit").path("amount").asText()).isEqualTo(ETHER.toString());
    assertThat(deposits(alice)).containsExactly(blkNum + " " + ETHER);
    assertThat(get("status").path("nodes").path("l1").path("confirmedBlock").asLong())
        .isEqualTo(l1Block);

    // a reorg one block deeper than the confirmations replaces the deposit's block
    anvil.reorg(CONFIRMATIONS + 1);
    Web3jRootChain l1 = new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    assertThat(l1.events(l1Block, anvil.blockNumber(), RootChain.DepositEvent.class))
        .isEmpty();
    JsonNode gone = getError("block/" + blkNum);
    assertThat(gone.path("kind").asText()).isEqualTo("not_found");
    assertThat(gone.path("message").asText()).startsWith("unknown block " + blkNum);
    assertThat(deposits(alice)).isEmpty();

    // and it reads on from the canonical chain: the deposit made again is shown once confirmed
    Deposit again = alice.deposit(Address.ETH, ETHER.add(ETHER));
    long againBlkNum = OutputPosition.decode(again.position()).blkNum();
    assertThat(deposits(alice)).isEmpty();
    anvil.mine(CONFIRMATIONS);
    assertThat(deposits(alice)).containsExactly(againBlkNum + " " + ETHER.add(ETHER));
    assertThat(get("block/" + againBlkNum).path("deposit").path("amount").asText())
        .isEqualTo(ETHER.add(ETHER).toString());
  }

  /**
   * With the head ahead of the confirmed block, the pages show the framework's state as of the
   * confirmed block, beside the events of the blocks up to it: an exit started or processed above
   * it is not shown as such, nor counted in the queue L1's head already holds, until it is
   * confirmed; and each answer names the block it is as of.
   */
  @Test
  @Order(30)
  void theFrameworksStateIsShownAsOfTheConfirmedBlockNotTheHead() {
    PlasmaWallet carol = devnet.wallet(CAROL);
    Deposit deposit = carol.deposit(Address.ETH, ETHER);
    carol.awaitSpendable(deposit.position(), WAIT);
    anvil.mine(CONFIRMATIONS);
    long started = carol.exit(deposit.position()).blockNumber();
    assertThat(anvil.blockNumber()).isEqualTo(started);

    // on L1's head the exit is queued; the explorer, as of two blocks below, shows no trace of it
    assertThat(reader.exitQueueLength(Address.ETH)).isEqualTo(BigInteger.ONE);
    JsonNode exits = get("exits");
    assertThat(exits.path("asOfL1Block").asLong()).isEqualTo(started - CONFIRMATIONS);
    assertThat(exits.path("now").asLong())
        .isEqualTo(blockTimestamp(started - CONFIRMATIONS))
        .isLessThanOrEqualTo(reader.latestTimestamp());
    JsonNode queue = ethQueue(exits);
    assertThat(queue.path("length").asText()).isEqualTo("0");
    assertThat(queue.has("head")).isFalse();
    assertThat(queue.path("entries")).isEmpty();
    JsonNode page = get("address/" + carol.address().toHex());
    assertThat(page.path("asOfL1Block").asLong()).isEqualTo(started - CONFIRMATIONS);
    assertThat(page.path("exits")).isEmpty();
    JsonNode status = get("status").path("nodes").path("l1");
    assertThat(status.path("head").asLong()).isEqualTo(started);
    assertThat(status.path("confirmedBlock").asLong()).isEqualTo(started - CONFIRMATIONS);
    anvil.mine(CONFIRMATIONS - 1);
    assertThat(ethQueue(get("exits")).path("length").asText()).isEqualTo("0");

    // once its block is confirmed: started, counted, at the head of the queue
    anvil.mine(1);
    exits = get("exits");
    assertThat(exits.path("asOfL1Block").asLong()).isEqualTo(started);
    queue = ethQueue(exits);
    assertThat(queue.path("length").asText()).isEqualTo("1");
    assertThat(queue.path("head").path("position").asLong()).isEqualTo(deposit.position());
    JsonNode row = queue.path("entries").get(0);
    assertThat(row.path("position").asLong()).isEqualTo(deposit.position());
    assertThat(row.path("status").asText()).isEqualTo("started");
    assertThat(row.path("open").asBoolean()).isTrue();
    long exitableAt = row.path("exitableAt").asLong();
    assertThat(row.path("secondsToMaturity").asLong())
        .isEqualTo(exitableAt - exits.path("now").asLong())
        .isPositive();
    assertThat(get("address/" + carol.address().toHex()).path("exits"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("started"));

    // matured and processed on L1's head: the confirmed view still has it processable and queued
    anvil.increaseTime(exitableAt - reader.latestTimestamp() + 1);
    anvil.mine(CONFIRMATIONS);
    row = ethQueue(get("exits")).path("entries").get(0);
    assertThat(row.path("status").asText()).isEqualTo("processable");
    TransactionReceipt processed = reader.processExits(Address.ETH, 10);
    long processedAt = processed.getBlockNumber().longValueExact();
    assertThat(reader.exitQueueLength(Address.ETH)).isZero();
    assertThat(reader.isExited(deposit.position())).isTrue();
    exits = get("exits");
    assertThat(exits.path("asOfL1Block").asLong()).isEqualTo(processedAt - CONFIRMATIONS);
    queue = ethQueue(exits);
    assertThat(queue.path("length").asText()).isEqualTo("1");
    assertThat(queue.path("entries"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("processable"));
    assertThat(queue.path("settled").findValues("position"))
        .noneMatch(p -> p.asLong() == deposit.position());

    // and processed once confirmed
    anvil.mine(CONFIRMATIONS);
    exits = get("exits");
    assertThat(exits.path("asOfL1Block").asLong()).isEqualTo(processedAt);
    queue = ethQueue(exits);
    assertThat(queue.path("length").asText()).isEqualTo("0");
    assertThat(queue.path("entries")).isEmpty();
    JsonNode paid = queue.path("settled").get(0);
    assertThat(paid.path("position").asLong()).isEqualTo(deposit.position());
    assertThat(paid.path("status").asText()).isEqualTo("processed");
    assertThat(paid.path("detail").asText()).isEqualTo("paid");
    assertThat(paid.path("l1Block").asLong()).isEqualTo(processedAt);
  }

  private long blockTimestamp(long block) {
    return reader.blockTimestamp(block);
  }

  private JsonNode ethQueue() {
    return ethQueue(get("exits"));
  }

  private static JsonNode ethQueue(JsonNode exits) {
    for (JsonNode q : exits.path("queues")) {
      if (q.path("token").asText().equals(Address.ETH.toHex())) {
        return q;
      }
    }
    throw new AssertionError("no ETH queue listed");
  }

  private static BigInteger rows(JsonNode queue) {
    return BigInteger.valueOf(queue.path("entries").size());
  }

  private List<String> deposits(PlasmaWallet wallet) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : get("address/" + wallet.address().toHex()).path("deposits")) {
      out.add(d.path("blkNum").asLong() + " " + d.path("amount").asText());
    }
    return out;
  }

  private HttpResponse<String> send(String route) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(explorer.url() + "api/" + route))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int status(String route) {
    return send(route).statusCode();
  }

  private JsonNode get(String route) {
    HttpResponse<String> r = send(route);
    assertThat(r.statusCode()).as(route + ": " + r.body()).isEqualTo(200);
    return read(r.body());
  }

  private JsonNode getError(String route) {
    HttpResponse<String> r = send(route);
    assertThat(r.statusCode()).as(route + ": " + r.body()).isNotEqualTo(200);
    return read(r.body()).path("error");
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(String what, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
