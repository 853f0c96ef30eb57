package org.plasma4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.DevnetWatcher;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.TokenProbe;
import org.plasma4j.rootchain.TokenUnits;
import org.plasma4j.rootchain.Web3jL1Events;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.Utxo;
import org.plasma4j.wallet.WalletKey;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.watcher.WatcherNode;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The explorer and web wallet in Debian's headless Chromium against a devnet (anvil, operator,
 * watcher): the wallet page deposits, pays, exits and processes through an injected EIP-1193
 * provider that anvil's dev keys answer; the explorer's pages show blocks, transactions, addresses,
 * exit queues and a hostile exit being challenged; search finds what exists and names what does
 * not; a down watcher is named while the rest keeps serving. Outcomes are checked on L1 and on the
 * operator, to the wei. Screenshots of the main pages go to docs/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserIT {
  private static final BigInteger ETHER = Devnet.ETHER;
  private static final int ALICE = 2;
  private static final int BOB = 3;
  private static final int MALLORY = 4;
  private static final int CAROL = 5;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private ExplorerDevnet env;
  private Devnet devnet;
  private WatcherNode watcher;
  private Explorer explorer;
  private WebDriver driver;
  private FrameworkClient reader;
  private Path profile;

  private Bytes32 alicePayment;
  private long bobOutput;

  @BeforeAll
  void start() throws IOException {
    env = ExplorerDevnet.start(
        Devnet.Options.defaults()
            .withBlocks(Duration.ofMillis(500), 65_536)
            .withHostility(Hostility.controllable()),
        0);
    devnet = env.devnet();
    watcher = env.watcher();
    explorer = env.explorer();
    reader = new FrameworkClient(devnet.web3j(), Devnet.credentials(9), devnet.framework());
    profile = Files.createTempDirectory("plasma-chromium-");
    driver = chromium(profile);
    String provider;
    try (InputStream in = getClass().getResourceAsStream("test-provider.js")) {
      provider = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("__ANVIL_URL__", devnet.anvil().rpcUrl());
    }
    ((ChromeDriver) driver)
        .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", provider));
  }

  /** Debian's chromium through Debian's chromedriver: nothing is downloaded. */
  private static WebDriver chromium(Path profile) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    return new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Order(10)
  void aliceDepositsEthFromTheWalletPage() {
    BigInteger before = reader.ethBalance(Devnet.address(ALICE));
    connect(ALICE);
    WebElement form = driver.findElement(By.id("deposit-form"));
    form.findElement(By.name("amount")).sendKeys("1");
    String outcome = submitAndAwait(form);
    assertThat(outcome).as(message()).isEqualTo("ok");
    List<String> l1Txs = l1Txs();
    assertThat(l1Txs).hasSize(1);
    // to the wei: one ether into the vault, plus the gas of the one transaction the page sent
    assertThat(reader.ethBalance(Devnet.address(ALICE)))
        .isEqualTo(before.subtract(ETHER).subtract(gasPaid(l1Txs)));
    List<RootChain.DepositEvent> deposits = new Web3jRootChain(
            devnet.web3j(), devnet.framework(), Optional.empty())
        .events(0, devnet.anvil().blockNumber(), RootChain.DepositEvent.class);
    assertThat(deposits).anySatisfy(d -> {
      assertThat(d.owner()).isEqualTo(Devnet.address(ALICE));
      assertThat(d.amount()).isEqualTo(ETHER);
    });
    await(
        "the deposit credited on the child chain",
        () -> textOf("[data-testid=wallet-balance]").equals("1 ETH"));
  }

  @Test
  @Order(20)
  void aliceSignsAPaymentWithTypedDataAndTheOperatorTakesIt() {
    connect(ALICE);
    WebElement form = driver.findElement(By.id("send-form"));
    form.findElement(By.name("to")).sendKeys(Devnet.address(BOB).toHex());
    form.findElement(By.name("amount")).sendKeys("0.25");
    assertThat(submitAndAwait(form)).as(message()).isEqualTo("ok");
    String txHash = driver.findElement(By.id("wallet-msg")).getDomAttribute("data-tx-hash");
    assertThat(txHash).startsWith("0x").hasSize(66);
    alicePayment = Bytes32.fromHex(txHash);
    PlasmaWallet bob = devnet.wallet(BOB);
    bob.awaitInclusion(alicePayment, WAIT);
    Utxo paid = bob.utxos().stream()
        .filter(u -> u.amount().equals(ETHER.divide(BigInteger.valueOf(4))))
        .findFirst()
        .orElseThrow();
    bobOutput = paid.position();
    // Alice keeps the change: 1 - 0.25 - the 0.0001 ETH fee, to the wei
    assertThat(devnet.wallet(ALICE).utxos())
        .extracting(Utxo::amount)
        .containsExactly(
            ETHER.subtract(ETHER.divide(BigInteger.valueOf(4))).subtract(Devnet.ETH_FEE));

    open("tx/" + txHash);
    await("the payment's page", () -> textOf("[data-testid=tx-status]").equals("included"));
    assertThat(textOf("[data-testid=tx-hash]")).isEqualTo(txHash);
    // the signer the page recovers from the signature is Alice
    assertThat(driver.getPageSource()).contains(short_(Devnet.address(ALICE).toHex()));
    screenshot("transaction");
    open("block/" + OutputPosition.decode(bobOutput).blkNum());
    await("the block page", () -> driver.getPageSource().contains(short_(txHash)));
    screenshot("block");
  }

  @Test
  @Order(30)
  void aliceDepositsACoinAndSignsItsTransferToBob() {
    connect(ALICE);
    WebElement deposit = driver.findElement(By.id("coin-deposit-form"));
    deposit.findElement(By.name("amount")).sendKeys("0.5");
    assertThat(submitAndAwait(deposit)).as(message()).isEqualTo("ok");
    CashGameEvents.CoinDeposited coin = new Web3jL1Events(devnet.web3j(), devnet.framework())
        .events(0, devnet.anvil().blockNumber(), CashGameEvents.CoinDeposited.class).stream()
            .filter(c -> c.owner().equals(Devnet.address(ALICE)))
            .findFirst()
            .orElseThrow();
    assertThat(coin.value()).isEqualTo(ETHER.divide(BigInteger.TWO));
    String slot = Long.toUnsignedString(coin.slot());
    await("the coin listed", () -> textOf("[data-testid=wallet-coin]").equals(slot));

    WebElement send = driver.findElement(By.id("coin-send-form"));
    send.findElement(By.name("slot")).sendKeys(slot);
    send.findElement(By.name("to")).sendKeys(Devnet.address(BOB).toHex());
    NodeClient operator =
        new NodeClient("operator", URI.create(devnet.operatorRpcUrl()), Duration.ofSeconds(5));
    await(
        "the operator following the coin",
        () -> operator
            .call(RpcMethod.GET_COIN, "0x" + Long.toHexString(coin.slot()))
            .path("owner")
            .asText()
            .equalsIgnoreCase(Devnet.address(ALICE).toHex()));
    assertThat(submitAndAwait(send)).as(message()).isEqualTo("ok");
    assertThat(message()).startsWith("Coin transfer accepted");
    open("coin/" + slot);
    await("the coin owned by Bob with its transfer in its history", () -> {
      String page = driver.findElement(By.tagName("main")).getText();
      return page.contains(short_(Devnet.address(BOB).toHex())) && !page.contains("never moved");
    });
    assertThat(textOf("[data-testid=coin-slot]")).isEqualTo(slot);
    screenshot("coin");
  }

  @Test
  @Order(40)
  void aRejectedSignatureAndAWrongChainAreNamedAndSendNothing() {
    List<Utxo> before = devnet.wallet(ALICE).utxos();
    connect(ALICE);
    ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('plasmaTestReject','yes')");
    WebElement form = driver.findElement(By.id("send-form"));
    form.findElement(By.name("to")).sendKeys(Devnet.address(BOB).toHex());
    form.findElement(By.name("amount")).sendKeys("0.1");
    assertThat(submitAndAwait(form)).isEqualTo("error");
    assertThat(message()).contains("You rejected the signature request");

    ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('plasmaTestChainId','1')");
    assertThat(submitAndAwait(form)).isEqualTo("error");
    assertThat(message()).contains("Wrong network").contains("chain 1").contains("chain 31337");
    ((JavascriptExecutor) driver).executeScript("sessionStorage.removeItem('plasmaTestChainId')");
    assertThat(devnet.wallet(ALICE).utxos()).isEqualTo(before);
  }

  @Test
  @Order(50)
  void bobExitsTheOutputTheWatcherAdvisesWithOneClick() {
    BigInteger before = reader.ethBalance(Devnet.address(BOB));
    BigInteger bond = reader.exitBond();
    connect(BOB);
    By advised = By.cssSelector("[data-testid=advised-exit][data-exit='" + bobOutput + "']");
    await(
        "the watcher's advice to exit " + bobOutput,
        () -> !driver.findElements(advised).isEmpty());
    String seq = seq();
    driver.findElement(advised).click();
    assertThat(awaitOutcome(seq)).as(message()).isEqualTo("ok");
    assertThat(reader.standardExit(bobOutput).state()).isEqualTo(1);
    assertThat(reader.ethBalance(Devnet.address(BOB)))
        .isEqualTo(before.subtract(bond).subtract(gasPaid(l1Txs())));
    By status = By.cssSelector("[data-testid=exit-status][data-position='" + bobOutput + "']");
    await(
        "the exit listed as started",
        () -> !driver.findElements(status).isEmpty()
            && driver.findElement(status).getText().startsWith("started"));
    assertThat(driver.findElement(status).getText()).contains("processable in");
    screenshot("wallet");
  }

  @Test
  @Order(60)
  void theExplorerShowsTheWatcherChallengingAnExitOfASpentDeposit() {
    Deposit deposit = env.exitOfASpentDeposit(MALLORY, Devnet.address(BOB), WAIT);

    open("events");
    await(
        "invalid_exit in the history",
        () -> driver
            .findElements(By.cssSelector("[data-testid=event-history] [data-testid=event-type]"))
            .stream()
            .anyMatch(e -> e.getText().equals("invalid_exit")));
    // the exit's amount in whole units with its symbol, not in wei
    await(
        "the invalid exit's amount readable",
        () -> driver
            .findElements(By.cssSelector(
                "[data-testid=event-history] [data-testid=event-amount][data-key=amount]"))
            .stream()
            .anyMatch(e -> e.getText().equals("1 ETH")));
    assertThat(driver.findElement(By.cssSelector("[data-testid=event-history]")).getText())
        .doesNotContain("amount=" + ETHER);
    await("the exit challenged on L1", () -> reader.standardExitState(deposit.position()) == 2);
    List<RootChain.ExitChallengedEvent> challenged = new Web3jRootChain(
            devnet.web3j(), devnet.framework(), Optional.empty())
        .events(0, devnet.anvil().blockNumber(), RootChain.ExitChallengedEvent.class);
    assertThat(challenged).singleElement().satisfies(c -> {
      assertThat(c.position()).isEqualTo(deposit.position());
      assertThat(c.challenger()).isEqualTo(Devnet.address(DevnetWatcher.CHALLENGER));
    });
    screenshot("events");
    open("address/" + Devnet.address(MALLORY).toHex());
    await(
        "Mallory's exit shown as challenged",
        () -> textOf("[data-testid=exits]").contains("challenged"));
    // the page names the confirmed block it is as of: one at or above the challenge's
    long challengedAt = challenged.getFirst().l1Block();
    awaitAsOfAtLeast(challengedAt);
    screenshot("address");
    open("exits");
    await("the ETH exit queue", () -> driver.getPageSource().contains(String.valueOf(bobOutput)));
    awaitAsOfAtLeast(challengedAt);
  }

  /**
   * The open page says it is as of a root-chain block at or above {@code block}, and not above the
   * head.
   */
  private void awaitAsOfAtLeast(long block) {
    await("the page as of L1 block " + block + " or later", () -> {
      String asOf = textOf("[data-testid=as-of-block]");
      return !asOf.isEmpty()
          && Long.parseLong(asOf) >= block
          && Long.parseLong(asOf) <= devnet.anvil().blockNumber();
    });
  }

  @Test
  @Order(70)
  void searchFindsTransactionsAddressesAndBlocksAndNamesUnknownOnes() {
    open("blocks");
    await("the blocks page", () -> !textOf("[data-testid=latest-block]").isEmpty());
    screenshot("blocks");
    search(alicePayment.toHex());
    await(
        "the transaction page", () -> textOf("[data-testid=tx-hash]").equals(alicePayment.toHex()));

    search(Devnet.address(BOB).toHex());
    await(
        "Bob's address page",
        () ->
            textOf("[data-testid=address]").equalsIgnoreCase(Devnet.address(BOB).toHex()));

    long blkNum = OutputPosition.decode(bobOutput).blkNum();
    search(Long.toString(blkNum));
    await(
        "the block page", () -> textOf("[data-testid=block-number]").equals(Long.toString(blkNum)));

    String unknown = "0x" + "ab".repeat(32);
    search(unknown);
    await(
        "an unknown hash named",
        () -> textOf("[data-testid=not-found]").contains("unknown hash " + unknown));

    search("9999000");
    await(
        "an unknown block named",
        () -> textOf("[data-testid=not-found]").contains("unknown block 9999000"));

    search("slot:12345");
    await(
        "an unknown coin named",
        () -> textOf("[data-testid=not-found]").contains("unknown coin 12345"));

    open("address/" + Devnet.address(7).toHex());
    await(
        "an address without activity",
        () -> textOf("[data-testid=not-found]").contains("No activity for this address"));
  }

  @Test
  @Order(80)
  void bobProcessesHisMaturedExitFromTheWalletPage() {
    devnet.anvil().increaseTime(devnet.params().minExitPeriodSeconds() * 2 + 60);
    devnet.anvil().mine(1);
    BigInteger before = reader.ethBalance(Devnet.address(BOB));
    connect(BOB);
    By status = By.cssSelector("[data-testid=exit-status][data-position='" + bobOutput + "']");
    await(
        "the exit processable",
        () -> !driver.findElements(status).isEmpty()
            && driver.findElement(status).getText().startsWith("processable"));
    WebElement form = driver.findElement(By.id("process-form"));
    assertThat(submitAndAwait(form)).as(message()).isEqualTo("ok");
    assertThat(reader.isExited(bobOutput)).isTrue();
    await("the exit processed", () -> driver.findElement(status).getText().startsWith("processed"));
    // Bob processed the queue himself: his 0.25 ETH and his bond back, less the gas; the
    // processing bounty comes out of his own bond and goes back to him as the processor
    assertThat(reader.ethBalance(Devnet.address(BOB)))
        .isEqualTo(before
            .add(ETHER.divide(BigInteger.valueOf(4)))
            .add(reader.exitBond())
            .subtract(gasPaid(l1Txs())));
  }

  @Test
  @Order(82)
  void aliceDepositsAnErc20TokenWithApproveAndDepositThroughTheProvider() {
    Address token = devnet.token();
    BigInteger amount = ETHER.multiply(BigInteger.valueOf(5));
    BigInteger tokensBefore = reader.tokenBalance(token, Devnet.address(ALICE));
    BigInteger ethBefore = reader.ethBalance(Devnet.address(ALICE));
    connect(ALICE);
    WebElement form = driver.findElement(By.id("deposit-form"));
    new Select(form.findElement(By.name("token"))).selectByValue(token.toHex());
    form.findElement(By.name("amount")).sendKeys("5");
    assertThat(submitAndAwait(form)).as(message()).isEqualTo("ok");
    // approve, then depositErc20: two transactions the wallet signed, each after the other's
    // receipt
    List<String> l1Txs = l1Txs();
    assertThat(l1Txs).hasSize(2);
    assertThat(reader.tokenBalance(token, Devnet.address(ALICE)))
        .isEqualTo(tokensBefore.subtract(amount));
    assertThat(reader.ethBalance(Devnet.address(ALICE)))
        .isEqualTo(ethBefore.subtract(gasPaid(l1Txs)));
    assertThat(new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty())
            .events(0, devnet.anvil().blockNumber(), RootChain.DepositEvent.class))
        .anySatisfy(d -> {
          assertThat(d.owner()).isEqualTo(Devnet.address(ALICE));
          assertThat(d.token()).isEqualTo(token);
          assertThat(d.amount()).isEqualTo(amount);
        });
    String expected = TokenUnits.of(new TokenProbe(devnet.web3j()), token).format(amount);
    await(
        "the token deposit credited on the child chain as " + expected,
        () -> driver.findElements(By.cssSelector("[data-testid=wallet-balance]")).stream()
            .anyMatch(e -> e.getText().equals(expected)));
  }

  @Test
  @Order(85)
  void theExitQueuesListInFlightMassAndCoinExitsInPriorityOrderAndAMassExitFaultsTheChain()
      throws IOException {
    // an in-flight exit: Alice pays Carol and exits the payment in flight
    PlasmaWallet alice = devnet.wallet(ALICE);
    Bytes32 paid = alice.send(Devnet.address(CAROL), Address.ETH, ETHER.divide(BigInteger.TEN));
    alice.awaitInclusion(paid, WAIT);
    alice.startInFlightExit(paid);
    // a mass exit: Bob takes out the output Mallory paid him, alone in his batch
    PlasmaWallet bob = devnet.wallet(BOB);
    long bobs = bob.utxos().stream()
        .filter(u -> u.amount().equals(ETHER.subtract(Devnet.ETH_FEE)))
        .findFirst()
        .orElseThrow()
        .position();
    bob.massExit(Address.ETH, List.of(bobs));
    // a coin exit: Carol deposits a coin and exits it from its origin
    Path coins = Files.createTempDirectory("plasma-coins-");
    CoinWallet carol = CoinWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(CAROL)),
        devnet.operatorRpcUrl(),
        devnet.anvil().rpcUrl(),
        devnet.framework(),
        devnet.deployment().deployedAt(),
        coins);
    long slot = carol
        .depositCoin(CoinKind.ETH, Address.ETH, ETHER.divide(BigInteger.TEN))
        .slot();
    NodeClient operator =
        new NodeClient("operator", URI.create(devnet.operatorRpcUrl()), Duration.ofSeconds(5));
    await(
        "the operator following coin " + slot,
        () -> operator.call(RpcMethod.GET_COIN, "0x" + Long.toHexString(slot)).has("owner"));
    carol.exitCoin(slot);

    open("exits");
    String ethQueue = "[data-testid=exit-queue][data-token='" + Address.ETH.toHex() + "'] ";
    By queued = By.cssSelector(ethQueue + "table:first-of-type [data-testid=queue-status]");
    await(
        "the in-flight and the mass exit in the ETH queue",
        () -> driver.findElements(queued).stream()
            .map(e -> e.getDomAttribute("data-kind"))
            .toList()
            .containsAll(List.of("in_flight", "mass")));
    List<WebElement> rows = driver.findElements(queued);
    // the page lists what the framework's heap holds, its head first
    assertThat(BigInteger.valueOf(rows.size())).isEqualTo(reader.exitQueueLength(Address.ETH));
    FrameworkClient.QueueHead head = reader.nextExit(Address.ETH).orElseThrow();
    assertThat(Long.parseLong(rows.get(0).getDomAttribute("data-position")))
        .isEqualTo(head.position());
    assertThat(Long.parseLong(rows.get(0).getDomAttribute("data-exitable-at")))
        .isEqualTo(head.exitableAt());
    long lastAt = 0;
    long lastPosition = 0;
    for (WebElement row : rows) {
      long at = Long.parseLong(row.getDomAttribute("data-exitable-at"));
      long position = Long.parseLong(row.getDomAttribute("data-position"));
      assertThat(at > lastAt || (at == lastAt && position >= lastPosition))
          .as("priority order at " + position)
          .isTrue();
      lastAt = at;
      lastPosition = position;
      assertThat(row.getText()).startsWith("started").contains("processable in");
    }
    By coinExit = By.cssSelector("[data-testid=queue-status][data-kind=coin][data-id='"
        + Long.toUnsignedString(slot) + "']");
    await("Carol's coin exit listed", () -> !driver.findElements(coinExit).isEmpty());
    assertThat(driver.findElement(coinExit).getText())
        .startsWith("started")
        .contains("processable in");
    // anyone may mass-exit an output of their own for one bond: the banner names the open batch
    // but leaves the state to the watcher, so one cheap transaction cannot tell everyone to exit
    await(
        "the banner names the open mass exit",
        () -> driver
            .findElement(By.id("health"))
            .getText()
            .contains("a mass exit is open on L1, which alone proves no fault (batch 1"));
    assertThat(driver.findElement(By.id("health")).getDomAttribute("data-state"))
        .isNotEqualTo("faulted");
    screenshot("exits");
  }

  @Test
  @Order(90)
  void aDownOperatorIsNamedAndTheWatchersPagesKeepServing() throws IOException {
    // nothing listens on a port that was just free
    int dead;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    try (Explorer noOperator = Explorer.start(ExplorerConfig.local(
        URI.create("http://127.0.0.1:" + dead),
        URI.create("http://127.0.0.1:" + watcher.rpcPort()),
        URI.create(devnet.anvil().rpcUrl()),
        devnet.framework(),
        0))) {
      driver.get(noOperator.url() + "#/blocks");
      await(
          "the operator named as down",
          () -> textOf("[data-testid=down-operator]").contains("operator is down"));
      assertThat(driver.findElements(By.cssSelector("[data-testid=node-down][data-node=operator]")))
          .isNotEmpty();
      driver.get(noOperator.url() + "#/events");
      await(
          "the watcher's events still served",
          () -> driver
              .findElements(By.cssSelector("[data-testid=event-history] [data-testid=event-type]"))
              .stream()
              .anyMatch(e -> e.getText().equals("invalid_exit")));
    }
  }

  @Test
  @Order(95)
  void aDownRootChainNodeIsNamedAndTheOperatorsAndWatchersPagesKeepServing() throws IOException {
    int dead;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    try (Explorer noL1 = Explorer.start(ExplorerConfig.local(
        URI.create(devnet.operatorRpcUrl()),
        URI.create("http://127.0.0.1:" + watcher.rpcPort()),
        URI.create("http://127.0.0.1:" + dead),
        devnet.framework(),
        0))) {
      driver.get(noL1.url() + "#/blocks");
      await(
          "L1 named as down",
          () -> textOf("[data-testid=down-l1]").contains("root chain (L1) node is down"));
      assertThat(textOf("[data-testid=latest-block]")).isNotEmpty();
      driver.get(noL1.url() + "#/address/" + Devnet.address(ALICE).toHex());
      await(
          "Alice's balances from the operator, L1 named",
          () -> !driver.findElements(By.cssSelector("[data-testid=balance]")).isEmpty()
              && driver
                  .findElement(By.tagName("main"))
                  .getText()
                  .contains("root chain (L1) node is down"));
      driver.get(noL1.url() + "#/events");
      await(
          "the watcher's events still served",
          () -> driver
              .findElements(By.cssSelector("[data-testid=event-history] [data-testid=event-type]"))
              .stream()
              .anyMatch(e -> e.getText().equals("invalid_exit")));
    }
  }

  @Test
  @Order(100)
  void aDownWatcherIsNamedAndTheExplorerKeepsServing() {
    watcher.close();
    open("blocks");
    await(
        "the watcher named as down",
        () -> textOf("[data-testid=down-watcher]").contains("watcher is down"));
    assertThat(textOf("[data-testid=latest-block]")).isNotEmpty();
    // nobody judges the chain now; the root chain's open mass exit is still named, as a notice
    await(
        "the banner unknown without the watcher",
        () -> "unknown".equals(driver.findElement(By.id("health")).getDomAttribute("data-state")));
    assertThat(driver.findElement(By.id("health")).getText())
        .contains("watcher is down")
        .contains("a mass exit is open on L1");
    open("events");
    await(
        "the events page names the watcher",
        () -> !driver
            .findElements(By.cssSelector("[data-testid=node-down][data-node=watcher]"))
            .isEmpty());
    watcher = null;
  }

  // ---- helpers ----

  private void open(String route) {
    driver.get(explorer.url() + "#/" + route);
  }

  private void connect(int account) {
    driver.get(explorer.url() + "#/wallet");
    ((JavascriptExecutor) driver)
        .executeScript(
            "sessionStorage.setItem('plasmaTestAccount', arguments[0])",
            Devnet.address(account).toHex());
    driver.navigate().refresh();
    await("the wallet page", () -> !driver.findElements(By.id("wallet-connect")).isEmpty());
    String seq = seq();
    driver.findElement(By.id("wallet-connect")).click();
    assertThat(awaitOutcome(seq)).as(message()).isEqualTo("ok");
    assertThat(textOf("[data-testid=wallet-account]"))
        .isEqualToIgnoringCase(Devnet.address(account).toHex());
  }

  private void search(String q) {
    WebElement input = driver.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(q);
    driver.findElement(By.cssSelector("#search button")).click();
  }

  private String submitAndAwait(WebElement form) {
    String seq = seq();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    return awaitOutcome(seq);
  }

  private String seq() {
    String s = driver.findElement(By.id("wallet-msg")).getDomAttribute("data-seq");
    return s == null ? "0" : s;
  }

  /** Waits for the wallet's next final message after {@code seq}: "ok" or "error". */
  private String awaitOutcome(String seq) {
    WebElement msg = driver.findElement(By.id("wallet-msg"));
    new WebDriverWait(driver, WAIT).until(d -> {
      String now = msg.getDomAttribute("data-seq");
      String kind = msg.getDomAttribute("data-kind");
      return now != null && !now.equals(seq) && ("ok".equals(kind) || "error".equals(kind));
    });
    return msg.getDomAttribute("data-kind");
  }

  private String message() {
    return driver.findElement(By.id("wallet-msg")).getText();
  }

  private List<String> l1Txs() {
    String txs = driver.findElement(By.id("wallet-msg")).getDomAttribute("data-l1-txs");
    return txs == null || txs.isEmpty() ? List.of() : List.of(txs.split(","));
  }

  private BigInteger gasPaid(List<String> txHashes) {
    BigInteger total = BigInteger.ZERO;
    for (String hash : txHashes) {
      try {
        TransactionReceipt r = devnet
            .web3j()
            .ethGetTransactionReceipt(hash)
            .send()
            .getTransactionReceipt()
            .orElseThrow();
        total = total.add(
            r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return total;
  }

  private String textOf(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private void await(String what, java.util.function.BooleanSupplier condition) {
    List<Throwable> last = new ArrayList<>(1);
    try {
      new WebDriverWait(driver, WAIT).until(d -> {
        try {
          return condition.getAsBoolean();
        } catch (RuntimeException e) {
          last.clear();
          last.add(e);
          return false;
        }
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "timed out waiting for " + what
              + (last.isEmpty() ? "" : " (last: " + last.get(0) + ")")
              + "; page: " + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  private static String short_(String hex) {
    return hex.substring(0, 10);
  }

  /** A PNG of the page as it is now, into docs/screenshots when the build says where that is. */
  private void screenshot(String name) {
    String dir = System.getProperty("plasma.screenshots");
    if (dir == null) {
      return;
    }
    try {
      Thread.sleep(300);
      File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
      Path target = Path.of(dir, name + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
