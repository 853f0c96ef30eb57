package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.CommittedOutputs;
import org.plasma4j.wallet.StubOperator;
import org.plasma4j.wallet.TestKeys;

class PlasmaCliTest {

  /** Deposit block 1's output. */
  private static final long DEPOSIT_1 = OutputPosition.of(1, 0, 0).encode();

  @TempDir
  Path home;

  private final StubOperator operator = new StubOperator();
  /** The root-chain node: chain 31337, holding the framework at TestKeys.FRAMEWORK. */
  private static final Bytes32 SEPARATOR = new Domain(31337, TestKeys.FRAMEWORK).separator();

  private final StubOperator rootChain = new StubOperator().asRootChain(31337, SEPARATOR);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = new HashMap<>();

  @AfterEach
  void stop() {
    operator.close();
    rootChain.close();
  }

  private int run(String... args) {
    env.putIfAbsent("PLASMA_HOME", home.toString());
    return PlasmaCli.commandLine(env, new PrintWriter(out), new PrintWriter(err))
        .execute(args);
  }

  private void fundedOperator() {
    aliceHoldsACommittedDeposit();
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(TestKeys.FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(TestKeys.ETH, "10000000000000"))
        .on(
            "plasma_sendTransaction",
            params -> Map.of(
                "txHash",
                TransactionDecoder.decodeSigned(Hex.decode(params.get(0).asText()))
                    .orElseThrow()
                    .txHash()
                    .toHex()));
  }

  /** Alice's 2 ETH deposit, listed by the operator and committed on the root chain. */
  private void aliceHoldsACommittedDeposit() {
    CommittedOutputs deposit = CommittedOutputs.of(new CommittedOutputs.Listed(
        OutputPosition.decode(DEPOSIT_1),
        TestKeys.ALICE,
        org.plasma4j.core.types.Address.ETH,
        new java.math.BigInteger("2000000000000000000")));
    deposit.serve(operator);
    deposit.answerCommitments(rootChain, SEPARATOR);
  }

  /** {@code wallet send} of {@code amount} ETH from Alice to Bob through the stubs. */
  private String[] send(String amount) {
    return new String[] {
      "wallet",
      "send",
      "--rpc",
      operator.url(),
      "--eth-rpc",
      rootChain.url(),
      "--framework",
      TestKeys.FRAMEWORK.toHex(),
      "--key",
      TestKeys.ALICE_KEY,
      "--to",
      TestKeys.BOB.toHex(),
      "--amount",
      amount
    };
  }

  @Test
  void sendPrintsAmountsInEtherAndTheTransactionHash() {
    fundedOperator();
    int code = run(send("0.5"));

    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    SignedTransaction sent = TransactionDecoder.decodeSigned(
            Hex.decode(operator.lastParams("plasma_sendTransaction").get(0).asText()))
        .orElseThrow();
    assertThat(out.toString())
        .isEqualTo(
            "sent 0.5 ETH to " + TestKeys.BOB + " (fee 0.00001 ETH)\ntx " + sent.txHash() + "\n");
    assertThat(sent.tx().outputs().get(1).amount()).hasToString("1499990000000000000");
  }

  @Test
  void sendSignsForTheRootChainsChainIdAndRefusesAnOperatorNamingAnother() {
    fundedOperator();
    operator.on(
        "plasma_getChainInfo",
        Map.of(
            "chainId",
            1,
            "framework",
            TestKeys.FRAMEWORK.toHex(),
            "operator",
            TestKeys.ETH,
            "feeBeneficiary",
            TestKeys.ETH,
            "childBlockInterval",
            1000));
    int code = run(send("0.5"));
    assertThat(code).isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString())
        .startsWith(
            "error: EIP-712 domain mismatch (OPERATOR_CHAIN_ID): the operator says chain id 1,"
                + " the root-chain node says 31337");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  @Test
  void aPinnedAddressThatIsNotTheFrameworkOfThisChainSignsNothing() {
    fundedOperator();
    int code = run(
        "wallet",
        "send",
        "--rpc",
        operator.url(),
        "--eth-rpc",
        rootChain.url(),
        "--framework",
        TestKeys.TOKEN.toHex(),
        "--key",
        TestKeys.ALICE_KEY,
        "--to",
        TestKeys.BOB.toHex(),
        "--amount",
        "0.5");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString())
        .startsWith(
            "error: EIP-712 domain mismatch (DOMAIN_SEPARATOR): the contract at " + TestKeys.TOKEN);
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  @Test
  void sendWithoutAPinnedFrameworkIsBadInputAndAsksTheOperatorNothing() {
    fundedOperator();
    int code = run(
        "wallet",
        "send",
        "--rpc",
        operator.url(),
        "--eth-rpc",
        rootChain.url(),
        "--key",
        TestKeys.ALICE_KEY,
        "--to",
        TestKeys.BOB.toHex(),
        "--amount",
        "0.5");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: no framework: give --framework <0x..> (it is not taken from the operator)");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction")
            || r.get("method").asText().equals("plasma_getChainInfo"));
  }

  /** Output {@code i} of an owner with more than one listing reads: 1 ETH in block 1000(i+1). */
  private static Map<String, Object> oneEther(long i) {
    return StubOperator.utxo(
        OutputPosition.of(1000 * (i + 1), 0, 0).encode(),
        TestKeys.ALICE.toHex(),
        TestKeys.ETH,
        "1000000000000000000");
  }

  private static CommittedOutputs oneEtherCommitted(long position) {
    return CommittedOutputs.of(new CommittedOutputs.Listed(
        OutputPosition.decode(position),
        TestKeys.ALICE,
        org.plasma4j.core.types.Address.ETH,
        new java.math.BigInteger("1000000000000000000")));
  }

  /**
   * An owner the operator lists without end, every page full and valid: balance shows what the
   * listing's 200,000 outputs hold, as at least that, and a payment spends from them.
   */
  @Test
  void anOwnerWithMoreOutputsThanOneListingSeesAtLeastTheBalanceAndPaysFromWhatWasRead()
      throws Exception {
    fundedOperator();
    operator.on("plasma_getUtxos", params -> {
      long after = params.get(1).asLong();
      long first = after == 0 ? 0 : OutputPosition.decode(after).blkNum() / 1000;
      List<Map<String, Object>> page = new java.util.ArrayList<>();
      for (long i = first; i < first + params.get(2).asInt(); i++) {
        page.add(oneEther(i));
      }
      return page;
    });
    operator.on("plasma_getExitData", params -> {
      long position = params.get(0).asLong();
      return oneEtherCommitted(position).exitData(position);
    });
    CommittedOutputs.answerCommitments(
        rootChain,
        SEPARATOR,
        b -> oneEtherCommitted(OutputPosition.of(b, 0, 0).encode()).commitment(b));

    assertThat(run(
            "wallet", "balance", "--l2-only", "--rpc", operator.url(), "--key", TestKeys.ALICE_KEY))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .containsPattern("ETH\\s+at least 200000\\s")
        .contains("incomplete: the operator lists more outputs of this address than one listing"
            + " reads; shown are the first 200000, so L2 balances are at least these");
    assertThat(operator.requests())
        .filteredOn(r -> r.get("method").asText().equals("plasma_getUtxos"))
        .hasSize(20);

    out.getBuffer().setLength(0);
    assertThat(run(
            "wallet",
            "balance",
            "--l2-only",
            "--json",
            "--rpc",
            operator.url(),
            "--key",
            TestKeys.ALICE_KEY))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("l2Complete").asBoolean()).isFalse();
    assertThat(json.get("balances").get(0).get("l2").asText())
        .isEqualTo("200000000000000000000000");

    out.getBuffer().setLength(0);
    assertThat(run(send("2.5"))).as(err.toString()).isZero();
    SignedTransaction sent = TransactionDecoder.decodeSigned(
            Hex.decode(operator.lastParams("plasma_sendTransaction").get(0).asText()))
        .orElseThrow();
    assertThat(sent.tx().outputs().get(0).amount()).hasToString("2500000000000000000");
    assertThat(sent.tx().outputs().get(1).amount()).hasToString("499990000000000000");
    assertThat(sent.tx().inputs())
        .hasSize(3)
        .allSatisfy(in -> assertThat(in.blkNum()).isBetween(1000L, 200_000_000L));
  }

  @Test
  void jsonOutputGivesWei() throws Exception {
    fundedOperator();
    int code =
        run("wallet", "utxos", "--json", "--rpc", operator.url(), "--key", TestKeys.ALICE_KEY);
    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get(0).get("position").asLong()).isEqualTo(1_000_000L);
    assertThat(json.get(0).get("blkNum").asLong()).isEqualTo(1L);
    assertThat(json.get(0).get("amount").asText()).isEqualTo("2000000000000000000");
  }

  @Test
  void operatorUrlComesFromTheDevnetFileWhenNotGiven() throws Exception {
    fundedOperator();
    Files.createDirectories(home.resolve(".plasma"));
    Files.writeString(
        home.resolve(".plasma/devnet.json"),
        "{\"ethRpc\":\"http://127.0.0.1:1\",\"operatorRpc\":\"" + operator.url()
            + "\",\"framework\":\"" + TestKeys.FRAMEWORK + "\",\"token\":\"" + TestKeys.TOKEN
            + "\",\"chainId\":31337}");
    int code = run("wallet", "balance", "--l2-only", "--key", TestKeys.ALICE_KEY);
    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("address " + TestKeys.ALICE)
        .containsPattern("ETH\\s+2\\s")
        .containsPattern(TestKeys.TOKEN + "\\s+0");
  }

  @Test
  void insufficientFundsIsOneLineWithExitCodeOne() {
    fundedOperator();
    int code = run(
        "wallet",
        "send",
        "--rpc",
        operator.url(),
        "--key",
        TestKeys.ALICE_KEY,
        "--to",
        TestKeys.BOB.toHex(),
        "--amount",
        "3");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_FAILED);
    assertThat(err.toString())
        .isEqualTo("error: insufficient funds in ETH: need 3.00001 ETH, have 2 ETH\n");
  }

  @Test
  void aNonPositiveWaitTimeoutIsRefusedBeforeAnythingIsSent() {
    fundedOperator();
    int code = run(
        "wallet",
        "send",
        "--rpc",
        operator.url(),
        "--key",
        TestKeys.ALICE_KEY,
        "--to",
        TestKeys.BOB.toHex(),
        "--amount",
        "0.5",
        "--wait",
        "--timeout",
        "-5");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: --timeout must be between 1 and 1000000 seconds, got -5\n");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  @Test
  void aTimeoutWhoseDeadlineWouldOverflowIsBadInputNotAnImmediateTimeout() {
    String hash = "0x" + "ab".repeat(32);
    for (String seconds : List.of("9223372036", "9223372037")) {
      err.getBuffer().setLength(0);
      int code = run(
          "wallet",
          "status",
          hash,
          "--timeout",
          seconds,
          "--rpc",
          operator.url(),
          "--key",
          TestKeys.ALICE_KEY);
      assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
      assertThat(err.toString())
          .isEqualTo(
              "error: --timeout must be between 1 and 1000000 seconds, got " + seconds + "\n");
    }
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_getTransaction"));
  }

  @Test
  void badAmountIsABadInputError() {
    int code = run(
        "wallet",
        "send",
        "--rpc",
        operator.url(),
        "--key",
        TestKeys.ALICE_KEY,
        "--to",
        TestKeys.BOB.toHex(),
        "--amount",
        "lots");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .startsWith("error: bad amount 'lots': expected")
        .doesNotContain("at org.");
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    int code = run("wallet", "send", "--key", TestKeys.ALICE_KEY, "--amount", "1");
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "error: Missing required option: '--to=<0x..>'\nsee 'plasma wallet send --help'\n");
  }

  @Test
  void aMissingKeyIsExplained() {
    int code = run("wallet", "utxos", "--rpc", operator.url());
    assertThat(code).isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "error: no key: give --key, --keystore with --password-file, or --dev-account\n");
  }

  @Test
  void theKeyCanComeFromTheEnvironment() {
    fundedOperator();
    env.put("PLASMA_KEY", TestKeys.ALICE_KEY);
    assertThat(run("wallet", "utxos", "--rpc", operator.url())).isZero();
    assertThat(out.toString().lines()).anyMatch(l -> l.matches("1000000\\s+ETH\\s+2"));
  }

  @Test
  void anUnreachableOperatorExitsWithThreeAndStackTracesOnlyWhenVerbose() {
    operator.close();
    int code = run("wallet", "utxos", "--rpc", operator.url(), "--key", TestKeys.ALICE_KEY);
    assertThat(code).isEqualTo(PlasmaCli.EXIT_UNREACHABLE);
    assertThat(err.toString())
        .startsWith("error: operator unreachable at " + operator.url())
        .hasLineCount(1);

    err.getBuffer().setLength(0);
    run("wallet", "utxos", "--verbose", "--rpc", operator.url(), "--key", TestKeys.ALICE_KEY);
    assertThat(err.toString()).contains("at org.plasma4j.wallet.OperatorClient");
  }

  @Test
  void badAddressAndTokenAreNamed() {
    assertThat(run(
            "wallet",
            "send",
            "--rpc",
            operator.url(),
            "--key",
            TestKeys.ALICE_KEY,
            "--to",
            "bob",
            "--amount",
            "1"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: --to must be a 0x-prefixed 20-byte address, got 'bob'\n");

    err.getBuffer().setLength(0);
    assertThat(run(
            "wallet", "deposit", "--key", TestKeys.ALICE_KEY, "--token", "dev", "--amount", "1"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --token dev needs a running devnet");
  }

  @Test
  void aMixedCaseAddressWithAWrongChecksumIsRefusedAndNothingIsSent() {
    fundedOperator();
    String good = org.web3j.crypto.Keys.toChecksumAddress(TestKeys.BOB.toHex());
    char[] typo = good.toCharArray();
    for (int i = 2; i < typo.length; i++) {
      if (Character.isLetter(typo[i])) {
        typo[i] = Character.isUpperCase(typo[i])
            ? Character.toLowerCase(typo[i])
            : Character.toUpperCase(typo[i]);
        break;
      }
    }
    String bad = new String(typo);
    assertThat(run(
            "wallet",
            "send",
            "--rpc",
            operator.url(),
            "--key",
            TestKeys.ALICE_KEY,
            "--to",
            bad,
            "--amount",
            "0.5"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "error: --to " + bad + " has a wrong EIP-55 checksum (its mixed case should read "
                + good + "): check the address for a typo\n");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  @Test
  void aChecksummedOrSingleCaseAddressIsTaken() {
    String good = org.web3j.crypto.Keys.toChecksumAddress(TestKeys.BOB.toHex());
    assertThat(WalletOptions.address(good, "--to")).isEqualTo(TestKeys.BOB);
    assertThat(WalletOptions.address(good.toLowerCase(java.util.Locale.ROOT), "--to"))
        .isEqualTo(TestKeys.BOB);
    assertThat(WalletOptions.address(
            "0x" + good.substring(2).toUpperCase(java.util.Locale.ROOT), "--to"))
        .isEqualTo(TestKeys.BOB);
  }

  @Test
  void aTokenAmountIsNeverGuessedWhenTheTokensDecimalsAreUnknown() {
    fundedOperator();
    String token = "0x" + "77".repeat(20);
    assertThat(run(
            "wallet",
            "send",
            "--rpc",
            operator.url(),
            "--eth-rpc",
            "http://127.0.0.1:1",
            "--key",
            TestKeys.ALICE_KEY,
            "--to",
            TestKeys.BOB.toHex(),
            "--token",
            token,
            "--amount",
            "1"))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .startsWith("error: the token " + token + " does not state its decimals");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }

  @Test
  void statusOfAChildChainTransactionIsTheOperatorsClaimUntilTheRootChainIsChecked() {
    String hash = "0x" + "ab".repeat(32);
    operator.on("plasma_getTransaction", StubOperator.formed(hash, 2000, 3));
    assertThat(run(
            "wallet",
            "status",
            hash,
            "--rpc",
            operator.url(),
            "--eth-rpc",
            "http://127.0.0.1:1",
            "--framework",
            TestKeys.FRAMEWORK.toHex(),
            "--key",
            TestKeys.ALICE_KEY))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .startsWith(
            "child-chain transaction " + hash
                + ": the operator claims block 2000 at index 3, not checked against the root chain (root chain unreachable");
  }

  /**
   * The operator names a block the root chain committed, then stalls serving it: the one-shot
   * command ends at its own --timeout, naming the transaction, not after the operator's call
   * timeout (30 s a page).
   */
  @Test
  void statusEndsAtItsTimeoutWhenTheOperatorStallsServingTheBlock() throws Exception {
    String hash = "0x" + "ab".repeat(32);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    operator.on("plasma_getTransaction", StubOperator.formed(hash, 2000, 3));
    operator.on("plasma_getBlock", params -> {
      try {
        release.await(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new StubOperator.RpcError(-32603, "stalled");
    });
    // a root chain that has committed block 2000 (every eth_call answers a non-zero word)
    rootChain.on("eth_getBlockByNumber", StubOperator.latestBlock());
    long start = System.nanoTime();
    try {
      assertThat(run(
              "wallet",
              "status",
              hash,
              "--timeout",
              "1",
              "--rpc",
              operator.url(),
              "--eth-rpc",
              rootChain.url(),
              "--framework",
              TestKeys.FRAMEWORK.toHex(),
              "--key",
              TestKeys.ALICE_KEY))
          .isEqualTo(PlasmaCli.EXIT_FAILED);
    } finally {
      release.countDown();
    }
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(err.toString())
        .isEqualTo("error: status of transaction " + hash + " not read within 1 s: operator at "
            + operator.url() + " did not serve block 2000 by the deadline: 0 of its ?"
            + " transactions read\n");
    assertThat(out.toString()).isEmpty();
  }

  /**
   * The root chain stands behind a node that takes each request and never answers: reading a
   * committed block's commitment, or a root-chain transaction's receipt, ends at the command's own
   * --timeout as for the operator's reads (exit code 1), not when the root-chain client gives up.
   */
  @Test
  void statusEndsAtItsTimeoutWhenTheRootChainStalls() throws Exception {
    String hash = "0x" + "ab".repeat(32);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer stalling =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    stalling.createContext("/", exchange -> {
      asked.incrementAndGet();
      try {
        release.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    stalling.start();
    String l1 = "http://127.0.0.1:" + stalling.getAddress().getPort();
    try {
      // a child-chain transaction the operator names in block 2000: its commitment is on L1
      operator.on("plasma_getTransaction", StubOperator.formed(hash, 2000, 3));
      assertStatusTimesOut(hash, l1, "reading block 2000's commitment");
      assertThat(asked.get()).isPositive();

      // a hash the operator does not know: a root-chain transaction's receipt is asked for
      operator.on("plasma_getTransaction", params -> {
        throw new StubOperator.RpcError(
            org.plasma4j.wallet.WalletException.OperatorError.NOT_FOUND, "unknown transaction");
      });
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      int before = asked.get();
      assertStatusTimesOut(hash, l1, "reading the transaction's receipt");
      assertThat(asked.get()).isGreaterThan(before);
    } finally {
      release.countDown();
      stalling.stop(0);
    }
  }

  private void assertStatusTimesOut(String hash, String l1, String reading) {
    long start = System.nanoTime();
    assertThat(run(
            "wallet",
            "status",
            hash,
            "--timeout",
            "2",
            "--rpc",
            operator.url(),
            "--eth-rpc",
            l1,
            "--framework",
            TestKeys.FRAMEWORK.toHex(),
            "--key",
            TestKeys.ALICE_KEY))
        .as(err.toString())
        .isEqualTo(PlasmaCli.EXIT_FAILED);
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(java.time.Duration.ofMillis(1_900), java.time.Duration.ofSeconds(4));
    assertThat(err.toString())
        .isEqualTo("error: status of transaction " + hash + " not read within 2 s: the root chain"
            + " did not answer by the deadline (" + reading + ")\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void statusOfSomethingThatIsNotAHashIsBadInput() {
    assertThat(
            run("wallet", "status", "0x12", "--rpc", operator.url(), "--key", TestKeys.ALICE_KEY))
        .isEqualTo(PlasmaCli.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: a transaction hash is 0x and 64 hex digits, got '0x12'\n");
  }

  @Test
  void aPaymentIsNotLeftInTheOutboxOfAGuardianThatDoesNotRun() throws Exception {
    fundedOperator();
    Path guardian = home.resolve(".plasma/guardian");
    Files.createDirectories(guardian); // left by an earlier 'wallet guard --once'
    String[] send = send("0.5");
    assertThat(run(send)).as(err.toString()).isZero();
    assertThat(guardian.resolve("outbox")).doesNotExist();

    RunningGuard running = RunningGuard.mark(guardian); // this process stands for a running guard
    assertThat(RunningGuard.isRunning(guardian)).isTrue();
    running.clear();
    assertThat(RunningGuard.isRunning(guardian)).isFalse();
  }

  @Test
  void guardOnceSaysSoWhenAllIsWell() {
    assertThat(GuardCommand.summary(
            new org.plasma4j.guardian.Plan(java.util.Optional.empty(), List.of(), List.of())))
        .isEqualTo("checked once: all well, no alarm and nothing to do");
    assertThat(GuardCommand.summary(new org.plasma4j.guardian.Plan(
            java.util.Optional.of("block_withholding"), List.of(), List.of("x"))))
        .isEqualTo("checked once: ALARM block_withholding; 0 action(s) taken, 1 missed");
  }

  @Test
  void helpListsEveryWalletCommand() {
    assertThat(run("wallet", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "balance",
            "utxos",
            "send",
            "deposit",
            "exit",
            "challenge",
            "process-exits",
            "retry-exit",
            "withdraw",
            "status");
  }
}
