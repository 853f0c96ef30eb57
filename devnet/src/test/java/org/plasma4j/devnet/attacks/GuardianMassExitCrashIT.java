package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.GuardianProcess;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.guardian.Journal;
import org.plasma4j.guardian.JournalEntry;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.watcher.events.EventType;

/**
 * kill -9 around a guardian's mass exit: Alice's guardian runs in a JVM of its own; after an
 * invalid block it starts the mass exit of her three outputs, and is killed with SIGKILL while its
 * transaction waits in the mempool (anvil's automine off), after the journal holds the intent and
 * the hash but before it holds the outcome. Then, with the guardian dead, either the transaction is
 * mined, or it is dropped from the mempool. A new guardian process on the same journal must, in the
 * first case, find the batch by its hash and not start a second one; in the second, send it again
 * once. Either way exactly one batch is started, processed and paid out, and Alice's L1 balance is
 * whole to the wei.
 */
class GuardianMassExitCrashIT extends AttackTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killGuardians() {
    processes.forEach(Process::destroyForcibly);
  }

  @ParameterizedTest(name = "while dead the transaction is {0}")
  @ValueSource(strings = {"mined", "dropped"})
  void exactlyOneBatchIsStartedAndPaidOut(String fate) throws Exception {
    BalanceBook book = book(ALICE);
    BigInteger[] amounts = {ETHER, ETHER.divide(BigInteger.TWO), ETHER.divide(BigInteger.valueOf(4))
    };
    for (BigInteger amount : amounts) {
      h.deposit(ALICE, amount);
      book.debit(address(ALICE), "deposit", amount);
    }
    h.watch();
    // attack i: an output nothing funds, in a block the operator submits
    h.hostility()
        .inject(TransactionSigner.sign(
            Transaction.payment(
                List.of(), List.of(new Output(address(MALLORY), Address.ETH, ETHER))),
            new Domain(AnvilNode.CHAIN_ID, h.devnet().framework())));
    h.nextBlock();
    h.watch();
    assertThat(h.reported(EventType.INVALID_BLOCK)).hasSize(1);

    Path journalDir = AttackHarness.tempDir("plasma-crash-guardian-");
    JournalFile journal = new JournalFile(journalDir);
    h.anvil().setAutomine(false);
    Process first = guardian(journalDir, "first");
    await(
        "the mass exit is journaled with its hash and waits in the mempool",
        () -> massEntry(journal)
            .filter(
                e -> e.stage() == JournalEntry.Stage.SENDING && !e.l1TxHashes().isEmpty())
            .filter(e -> inMempool(e.l1TxHashes().getLast()))
            .isPresent());
    first
        .destroyForcibly()
        .waitFor(); // SIGKILL: no shutdown hook, nothing after the journal's last save
    String hash = massEntry(journal).orElseThrow().l1TxHashes().getLast();
    if (fate.equals("mined")) {
      h.anvil().mine(1);
    } else {
      h.anvil().call("anvil_dropTransaction", "[\"" + hash + "\"]");
      assertThat(inMempool(hash)).isFalse();
    }
    h.anvil().setAutomine(true);

    Path log = guardianLog(guardian(journalDir, "second"));
    await(
        "the restarted guardian settles the mass exit",
        () -> massEntry(journal).filter(JournalEntry::done).isPresent());
    h.watch();
    h.exitPeriodPasses();
    h.anvil().mine(1);
    await("the batch is processed and paid out", () -> {
      Journal j = journal.load();
      return j.entries().keySet().stream()
          .anyMatch(k -> k.startsWith("withdraw-mass:") && j.isDone(k));
    });
    processes.forEach(p -> p.destroyForcibly());

    List<MassExitStarted> batches =
        h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitStarted.class).stream()
            .filter(m -> m.initiator().equals(address(ALICE)))
            .toList();
    assertThat(batches).as("batches Alice started").hasSize(1);
    MassExitStarted batch = batches.getFirst();
    assertThat(h.massExits(ALICE).massExit(batch.batchId()).state()).isEqualTo(3); // paid out
    assertThat(massEntry(journal).orElseThrow().batchId()).isEqualTo(batch.batchId());
    if (fate.equals("dropped")) {
      assertThat(Files.readString(log)).contains("DROPPED mass:");
      // sent again as the very same signed transaction (same nonce, same call): a drop is no failed
      // attempt
      assertThat(massEntry(journal).orElseThrow().attempts()).isZero();
    } else {
      assertThat(massEntry(journal).orElseThrow().l1TxHashes()).containsExactly(hash);
    }
    h.expectPaidMassExit(ALICE, batch.leaves());
    // Alice's guardian processed the batch: the process bounties are hers
    book.credit(
        address(ALICE),
        "mass exit process bounties",
        h.massExitBounty().multiply(BigInteger.valueOf(batch.leaves().size())));
    book.assertWhole(address(ALICE));
  }

  private Optional<JournalEntry> massEntry(JournalFile journal) {
    return journal.load().entries().values().stream()
        .filter(e -> e.key().startsWith("mass:"))
        .findFirst();
  }

  private boolean inMempool(String hash) {
    try {
      return h.devnet()
          .web3j()
          .ethGetTransactionByHash(hash)
          .send()
          .getTransaction()
          .filter(t -> t.getBlockHash() == null || t.getBlockNumberRaw() == null)
          .isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private final java.util.Map<Process, Path> logs = new java.util.HashMap<>();

  private Path guardianLog(Process p) {
    return logs.get(p);
  }

  private Process guardian(Path journalDir, String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Files.createTempFile("guardian-" + name + "-", ".log");
    Process process = new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            GuardianProcess.class.getName(),
            h.anvil().rpcUrl(),
            h.devnet().framework().toHex(),
            DevAccounts.privateKey(ALICE),
            journalDir.toString(),
            "http://127.0.0.1:" + h.watcher().rpcPort(),
            "2",
            Long.toString(h.devnet().deployment().deployedAt()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    processes.add(process);
    logs.put(process, log);
    return process;
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + WAIT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
