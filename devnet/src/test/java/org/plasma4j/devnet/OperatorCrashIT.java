package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletKey;

/**
 * kill -9 of a real operator process in the middle of traffic, then a restart on the same RocksDB
 * against the same anvil: no acknowledged transaction is lost, no block is submitted twice, spent
 * outputs stay spent, and the operator's chain matches the contract's.
 */
class OperatorCrashIT {

  private static final BigInteger ETHER = Devnet.ETHER;
  private static final Duration INCLUSION = Duration.ofSeconds(30);

  private Devnet devnet;
  private Process operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.destroyForcibly();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void acknowledgedTransactionsSurviveKillNineAndNoBlockIsSubmittedTwice() throws Exception {
    devnet = Devnet.start(Devnet.Options.defaults());
    devnet.operator().close(); // the operator under test runs in its own process instead
    Path dataDir = Files.createTempDirectory("plasma-crash-");
    int port = freePort();
    operator = startOperatorProcess(dataDir, port);
    String rpc = "http://127.0.0.1:" + port;
    PlasmaWallet alice = wallet(2, rpc);
    PlasmaWallet bob = wallet(3, rpc);

    for (int i = 0; i < 4; i++) {
      alice.deposit(Address.ETH, ETHER);
    }
    awaitUtxos(alice, 4);

    List<Bytes32> acknowledged = new ArrayList<>();
    BigInteger paid = BigInteger.ZERO;
    // two payments that reach blocks, then two that are only acknowledged when the process dies
    for (int i = 0; i < 4; i++) {
      BigInteger amount = ETHER.divide(BigInteger.TEN).multiply(BigInteger.valueOf(i + 1));
      Bytes32 hash = alice.send(bob.address(), Address.ETH, amount);
      acknowledged.add(hash);
      paid = paid.add(amount);
      if (i < 2) {
        alice.awaitInclusion(hash, INCLUSION);
      }
    }
    operator.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

    operator = startOperatorProcess(dataDir, port);

    for (Bytes32 hash : acknowledged) {
      assertThat(alice.awaitInclusion(hash, INCLUSION).isIncluded())
          .as("tx %s after restart", hash)
          .isTrue();
    }
    assertThat(bob.l2Balance(Address.ETH)).isEqualTo(paid);

    Web3jRootChain rootChain =
        new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty());
    long lastFormed = alice.operator().getBlockNumber();
    awaitContractHas(rootChain, lastFormed);
    List<RootChain.BlockSubmittedEvent> submitted =
        rootChain.events(0, rootChain.headBlockNumber(), RootChain.BlockSubmittedEvent.class);
    List<Long> numbers =
        submitted.stream().map(RootChain.BlockSubmittedEvent::blkNum).toList();
    assertThat(new HashSet<>(numbers)).hasSameSizeAs(numbers);
    assertThat(numbers).isSorted().last().isEqualTo(lastFormed);
    assertThat(rootChain.nextChildBlock()).isEqualTo(lastFormed + 1000);
    for (RootChain.BlockSubmittedEvent event : submitted) {
      assertThat(alice.operator().getBlock(event.blkNum()).root()).isEqualTo(event.root());
    }

    // the input of a payment that was only acknowledged when the process died stays spent
    var lastTx = alice.operator().getTransaction(acknowledged.get(3)).signedTx().orElseThrow();
    OutputPosition spentInput = org.plasma4j.core.tx.TransactionDecoder.decodeSigned(
            lastTx.toArray())
        .value()
        .tx()
        .inputs()
        .get(0);
    Transaction doubleSpend = Transaction.payment(
        List.of(spentInput), List.of(new Output(alice.address(), Address.ETH, Devnet.ETH_FEE)));
    var signed = TransactionSigner.sign(
        doubleSpend, alice.domain(), PrivateKey.fromHex(DevAccounts.privateKey(2)));
    assertThatThrownBy(() -> alice.operator().sendTransaction(signed))
        .isInstanceOfSatisfying(
            WalletException.OperatorError.class, e -> assertThat(e.code()).isEqualTo(-32014));
  }

  private PlasmaWallet wallet(int account, String rpc) {
    return PlasmaWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        rpc,
        devnet.anvil().rpcUrl(),
        devnet.framework());
  }

  private Process startOperatorProcess(Path dataDir, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            OperatorProcess.class.getName(),
            devnet.anvil().rpcUrl(),
            devnet.framework().toHex(),
            devnet.token().toHex(),
            dataDir.toString(),
            Integer.toString(port))
        .redirectErrorStream(true)
        .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String line;
    while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
      if (line.contains("OPERATOR READY")) {
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the operator process did not start");
  }

  private static void awaitUtxos(PlasmaWallet wallet, int count) throws InterruptedException {
    long deadline = System.nanoTime() + INCLUSION.toNanos();
    while (wallet.utxos().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(wallet.utxos()).hasSize(count);
  }

  private static void awaitContractHas(Web3jRootChain rootChain, long blkNum)
      throws InterruptedException {
    long deadline = System.nanoTime() + INCLUSION.toNanos();
    while (rootChain.nextChildBlock() <= blkNum && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
