package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.plasma4j.rootchain.TokenProbe;
import org.plasma4j.rootchain.TokenUnits;
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
  private static final int DAN = 6;
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

  /**
   * Whether a hash is a root-chain transaction, and a token's symbol, are read as of the confirmed
   * block: an L1 transaction in a block not yet confirmed is pending confirmation, and a token
   * deployed above the confirmed block has no symbol yet (and is not kept as symbol-less).
   */
  @Test
  @Order(40)
  void searchAndSymbolsAreReadAtTheConfirmedBlockAndTheHeadIsLabelledUnconfirmed() {
    TransactionReceipt l1Tx = reader.processExits(Address.ETH, 1);
    String hash = l1Tx.getTransactionHash();
    long minedIn = l1Tx.getBlockNumber().longValueExact();
    JsonNode pending = getError("search?q=" + hash);
    assertThat(pending.path("kind").asText()).isEqualTo("not_found");
    assertThat(pending.path("message").asText())
        .isEqualTo(hash + " is a root-chain (L1) transaction pending confirmation: in L1 block "
            + minedIn + ", and this explorer shows L1 as of block "
            + (minedIn - CONFIRMATIONS));
    anvil.mine(CONFIRMATIONS);
    assertThat(getError("search?q=" + hash).path("message").asText())
        .isEqualTo(hash + " is a root-chain (L1) transaction (in L1 block " + minedIn
            + "), not a child-chain one: look it up in an L1 explorer");
    String unknown = "0x" + "ab".repeat(32);
    assertThat(getError("search?q=" + unknown).path("message").asText())
        .isEqualTo("unknown hash " + unknown + ": no child-chain transaction and no root-chain"
            + " transaction has it (L1 as of block " + (anvil.blockNumber() - CONFIRMATIONS)
            + ")");

    JsonNode l1 = get("status").path("nodes").path("l1");
    assertThat(l1.path("head").asLong()).isEqualTo(anvil.blockNumber());
    assertThat(l1.path("headLabel").asText())
        .isEqualTo("unconfirmed head: nothing shown is read at it");
    assertThat(l1.path("confirmedBlock").asLong()).isEqualTo(anvil.blockNumber() - CONFIRMATIONS);

    L1View view = new L1View(
        devnet.web3j(), devnet.framework(), devnet.deployment().deployedAt(), CONFIRMATIONS);
    Address fresh = new org.plasma4j.rootchain.FrameworkDeployer(
            devnet.web3j(), Devnet.credentials(PROCESSOR))
        .deployDevToken("Fresh Token", "FRESH");
    view.asOf();
    assertThat(TokenUnits.of(new TokenProbe(devnet.web3j()), fresh).label()).isEqualTo("FRESH");
    TokenUnits unconfirmed = view.units(fresh);
    assertThat(unconfirmed.symbol()).isEmpty();
    assertThat(unconfirmed.decimals()).isZero();
    anvil.mine(CONFIRMATIONS);
    view.asOf();
    TokenUnits confirmed = view.units(fresh);
    assertThat(confirmed.label()).isEqualTo("FRESH");
    assertThat(confirmed.decimals()).isEqualTo(18);
    assertThat(confirmed.format(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(3))))
        .isEqualTo("3 FRESH");
  }

  /**
   * An in-flight exit whose game reverts when processing pops it (its code replaced for one
   * processExits) is listed as deferred, awaiting retry, out of the queue and not settled, from the
   * ExitDeferred event; once the game is back and retryExit finalises it, as processed.
   */
  @Test
  @Order(50)
  void anExitWhosePayoutProcessingDeferredShowsAsDeferredThenAsProcessedAfterRetryExit() {
    // an account whose only output is this deposit: no earlier test's reorg touched its history
    PlasmaWallet dan = devnet.wallet(DAN);
    Deposit deposit = dan.deposit(Address.ETH, ETHER);
    dan.awaitSpendable(deposit.position(), WAIT);
    org.plasma4j.core.types.Bytes32 paid =
        dan.send(Devnet.address(BOB), Address.ETH, ETHER.divide(BigInteger.TEN));
    dan.awaitInclusion(paid, WAIT);
    dan.startInFlightExit(paid);
    anvil.mine(CONFIRMATIONS);
    JsonNode queued = ethQueue().path("entries");
    assertThat(queued).singleElement().satisfies(e -> {
      assertThat(e.path("kind").asText()).isEqualTo("in_flight");
      assertThat(e.path("status").asText()).isEqualTo("started");
    });
    String ifeId = queued.get(0).path("id").asText();

    // the in-flight game reverts for one processExits: the framework defers its entry
    Address game = org.plasma4j.rootchain.GameAddresses.of(devnet.web3j(), devnet.framework())
        .inFlightExitGame();
    String code = anvil.call("eth_getCode", "[\"" + game.toHex() + "\", \"latest\"]");
    FrameworkClient.QueueHead head = reader.nextExit(Address.ETH).orElseThrow();
    anvil.increaseTime(head.exitableAt() - reader.latestTimestamp() + 1);
    anvil.call("anvil_setCode", "[\"" + game.toHex() + "\", \"0x60006000fd\"]");
    long before = anvil.blockNumber();
    TransactionReceipt processed = reader.processExits(Address.ETH, 10);
    anvil.call("anvil_setCode", "[\"" + game.toHex() + "\", \"" + code + "\"]");
    List<FrameworkClient.DeferredExit> deferred = reader.deferredExits(Address.ETH, before);
    assertThat(deferred).singleElement().satisfies(d -> {
      assertThat(d.block()).isEqualTo(processed.getBlockNumber().longValueExact());
      assertThat(d.entry().and(BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE)))
          .isEqualTo(new BigInteger(ifeId));
    });
    BigInteger entry = deferred.getFirst().entry();
    assertThat(reader.isExitDeferred(Address.ETH, entry)).isTrue();
    assertThat(reader.exitQueueLength(Address.ETH)).isZero();
    anvil.mine(CONFIRMATIONS);

    JsonNode queue = ethQueue();
    assertThat(queue.path("length").asText()).isEqualTo("0");
    assertThat(queue.path("entries")).isEmpty();
    assertThat(queue.path("settled").findValues("id"))
        .noneMatch(id -> id.asText().equals(ifeId));
    JsonNode row = queue.path("deferred").get(0);
    assertThat(queue.path("deferred")).hasSize(1);
    assertThat(row.path("id").asText()).isEqualTo(ifeId);
    assertThat(row.path("status").asText()).isEqualTo("deferred");
    assertThat(row.path("open").asBoolean()).isFalse();
    assertThat(row.path("l1Block").asLong())
        .isEqualTo(processed.getBlockNumber().longValueExact());
    assertThat(row.path("detail").asText())
        .endsWith("; deferred, awaiting retry: its game reverted (0x00000000) when processing"
            + " popped it, so it is unpaid and anyone may call retryExit");
    assertThat(get("address/" + dan.address().toHex()).path("exits")).anySatisfy(e -> {
      assertThat(e.path("id").asText()).isEqualTo(ifeId);
      assertThat(e.path("status").asText()).isEqualTo("deferred");
    });

    // the game back, anyone retries it: finalised, and the pages follow once it is confirmed
    TransactionReceipt retried = reader.retryExit(Address.ETH, entry);
    assertThat(reader.isExitDeferred(Address.ETH, entry)).isFalse();
    assertThat(ethQueue().path("deferred")).hasSize(1);
    anvil.mine(CONFIRMATIONS);
    queue = ethQueue();
    assertThat(queue.path("deferred")).isEmpty();
    assertThat(queue.path("entries")).isEmpty();
    JsonNode settled = queue.path("settled").get(0);
    assertThat(settled.path("id").asText()).isEqualTo(ifeId);
    assertThat(settled.path("status").asText()).isEqualTo("processed");
    assertThat(settled.path("open").asBoolean()).isFalse();
    assertThat(settled.path("l1Block").asLong())
        .isEqualTo(retried.getBlockNumber().longValueExact());
    assertThat(settled.path("detail").asText())
        .endsWith("; settled canonical; finalised by retryExit after a deferral");
  }

  /**
   * A reorg that replaces the confirmed block between a view's snapshot and its eth_calls makes
   * those calls fail, named as a reorg, where reads by number would answer from the block put in
   * its place: the events say an exit started, the replacement's state has none. The next view is
   * consistent again, and so is every page.
   */
  @Test
  @Order(60)
  void aReorgBetweenAViewsSnapshotAndItsReadsFailsTheReadsInsteadOfMixingTwoBlocks() {
    PlasmaWallet carol = devnet.wallet(CAROL);
    Deposit deposit = carol.deposit(Address.ETH, ETHER);
    carol.awaitSpendable(deposit.position(), WAIT);
    anvil.mine(CONFIRMATIONS + 2);
    long started = carol.exit(deposit.position()).blockNumber();
    anvil.mine(CONFIRMATIONS);
    L1View view = new L1View(
        devnet.web3j(), devnet.framework(), devnet.deployment().deployedAt(), CONFIRMATIONS);
    L1View.AsOf at = view.asOf();
    assertThat(at.block()).isEqualTo(started);
    assertThat(at.events(RootChain.ExitStartedEvent.class))
        .anyMatch(e -> e.position() == deposit.position());

    // the block of the exit's start and those above it are replaced by empty ones
    anvil.reorg(CONFIRMATIONS + 1);
    assertThat(anvil.blockNumber()).isEqualTo(started + CONFIRMATIONS);
    // read by number, the same height now says the queue is empty: that answer would mix blocks
    assertThat(reader.nextExit(Address.ETH, at.block())).isEmpty();
    assertThatThrownBy(() -> at.queue(Address.ETH))
        .isInstanceOfSatisfying(ApiError.L1Reorging.class, e -> {
          assertThat(e.kind()).isEqualTo("l1_reorging");
          assertThat(e.getMessage())
              .startsWith("the root chain (L1) reorganised: block " + started);
        });
    assertThatThrownBy(at::timestamp).isInstanceOf(ApiError.L1Reorging.class);
    assertThatThrownBy(() -> at.committed(1000)).isInstanceOf(ApiError.L1Reorging.class);

    // a new view has rolled the events back: no exit, an empty queue, both of the new block
    L1View.AsOf again = view.asOf();
    assertThat(again.block()).isEqualTo(started);
    assertThat(again.events(RootChain.ExitStartedEvent.class))
        .noneMatch(e -> e.position() == deposit.position());
    assertThat(again.queue(Address.ETH)).isEqualTo(ExitQueues.QueueOnL1.EMPTY);
    JsonNode exits = get("exits");
    assertThat(exits.path("asOfL1Block").asLong()).isEqualTo(started);
    assertThat(ethQueue(exits).path("entries").findValues("position"))
        .noneMatch(p -> p.asLong() == deposit.position());
    assertThat(ethQueue(exits).path("length").asText()).isEqualTo("0");
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
