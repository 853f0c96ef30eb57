package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.MockErc721;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryVerifier;
import org.plasma4j.core.cash.CoinOrigin;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.HistoryVerdict;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.CashGameClient;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Plasma Cash end to end on a real anvil: ETH and ERC721 coins deposited into the cash game are
 * credited by the operator, move A→B→C across child blocks through plasma_sendCoinTransfer, their
 * histories from plasma_getCoinProofs verify against the coin roots on chain, and C exits both with
 * the last two transfers, finalizes after the exit period and withdraws: ETH to the wei (gas from
 * receipts), the NFT back in C's hands. A restart of the operator keeps coins and acknowledged
 * transfers.
 */
class CashChainIT {

  private static final int A = 2;
  private static final int B = 3;
  private static final int C = 4;
  private static final BigInteger NFT_ID = BigInteger.valueOf(7);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private Devnet devnet;
  private Path dataDir;
  private OperatorNode operator;
  private Domain domain;

  @BeforeEach
  void start() throws Exception {
    devnet = Devnet.start(Devnet.Options.defaults());
    devnet.operator().close(); // replaced by one whose blocks the test forms by hand
    dataDir = Files.createTempDirectory("plasma-cash-");
    operator = startOperator();
    domain = new Domain(org.plasma4j.devtools.AnvilNode.CHAIN_ID, devnet.framework());
  }

  private OperatorNode startOperator() {
    return Devnet.startOperator(
        devnet.web3j(),
        devnet.framework(),
        devnet.token(),
        dataDir,
        Devnet.Options.defaults().withBlocks(Duration.ofHours(1), 65_536));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  private CashGameClient cash(int account) {
    return CashGameClient.forFramework(
        devnet.web3j(), Devnet.credentials(account), devnet.framework());
  }

  private static PrivateKey key(int account) {
    return PrivateKey.fromHex(DevAccounts.privateKey(account));
  }

  private BigInteger balance(Address who) throws Exception {
    return devnet
        .web3j()
        .ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  // ---- the operator's JSON-RPC, as a wallet would call it

  private JsonNode rpc(String method, Object... params) throws Exception {
    String body = JSON.writeValueAsString(
        java.util.Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", List.of(params)));
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.rpcPort() + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private JsonNode coin(long slot) throws Exception {
    return rpc("plasma_getCoin", slot).get("result");
  }

  /** Polls the operator until it has credited {@code slot}. */
  private JsonNode credited(long slot) throws Exception {
    for (int i = 0; i < 50; i++) {
      operator.pollRootChain();
      JsonNode c = coin(slot);
      if (c != null) {
        return c;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("coin " + slot + " never credited");
  }

  private SignedCoinTransfer send(int from, long slot, int to) throws Exception {
    long prevBlock = coin(slot).get("block").asLong();
    SignedCoinTransfer t = SignedCoinTransfer.sign(
        new CoinTransfer(slot, prevBlock, Devnet.address(to)), key(from), domain);
    JsonNode r =
        rpc("plasma_sendCoinTransfer", "0x" + java.util.HexFormat.of().formatHex(t.encode()));
    assertThat(r.path("result").path("txHash").asText())
        .as(r.toString())
        .isEqualTo(t.transfer().hash().toHex());
    return t;
  }

  private long formBlock() {
    return Devnet.formBlock(operator).blkNum();
  }

  /** The coin's history over [from, to] from plasma_getCoinProofs, as the core models it. */
  private CoinHistory history(long slot, long from, long to) throws Exception {
    JsonNode r = rpc("plasma_getCoinProofs", slot, from, to).get("result");
    List<CoinHistory.Entry> entries = new ArrayList<>();
    for (JsonNode e : r.get("entries")) {
      long blk = e.get("blkNum").asLong();
      entries.add(
          switch (e.get("kind").asText()) {
            case "included" ->
              new CoinHistory.Included(
                  blk,
                  SignedCoinTransfer.decode(Bytes.fromHex(e.get("tx").asText()).toArray()),
                  Bytes.fromHex(e.get("proof").asText()));
            case "excluded" ->
              new CoinHistory.Excluded(blk, Bytes.fromHex(e.get("proof").asText()));
            default -> new CoinHistory.Empty(blk);
          });
    }
    return CoinHistory.empty(slot).appendAll(entries);
  }

  private static CoinHistory.Included at(CoinHistory h, long blk) {
    return h.transfers().stream().filter(t -> t.block() == blk).findFirst().orElseThrow();
  }

  /** The claim of the coin's last two transfers, as startExit takes it. */
  private static CoinClaimArgs lastTwo(CoinHistory.Included prev, CoinHistory.Included exit) {
    return new CoinClaimArgs(
        Bytes.wrap(prev.transfer().transfer().encode()),
        prev.proof(),
        Bytes.wrap(exit.transfer().transfer().encode()),
        exit.transfer().signature().bytes(),
        exit.proof(),
        exit.block());
  }

  @Test
  void ethAndNftCoinsMoveAcrossBlocksVerifyAgainstTheRootChainAndExitToTheirLastOwner()
      throws Exception {
    CashGameClient cashA = cash(A);
    Address a = Devnet.address(A);
    Address c = Devnet.address(C);
    MockErc721 nft = MockErc721.deploy(
            devnet.web3j(), Devnet.credentials(DevAccounts.DEPLOYER), new DefaultGasProvider())
        .send();
    Address nftAddress = Address.fromHex(nft.getContractAddress());
    nft.mint(a.toHex(), NFT_ID).send();

    BigInteger oneEth = Devnet.ETHER;
    BigInteger aBefore = balance(a);
    long ethCoin = cashA.depositEth(oneEth).slot();
    long nftCoin = cashA.depositErc721(nftAddress, NFT_ID).slot();
    assertThat(balance(a)).isEqualTo(aBefore.subtract(oneEth).subtract(cashA.gasCostWei()));
    assertThat(cashA.erc721Owner(nftAddress, NFT_ID)).isEqualTo(cashA.gameAddress());

    JsonNode ethView = credited(ethCoin);
    assertThat(ethView.get("owner").asText()).isEqualTo(a.toHex());
    assertThat(ethView.get("value").asText()).isEqualTo(oneEth.toString());
    JsonNode nftView = credited(nftCoin);
    assertThat(nftView.get("kind").asInt()).isEqualTo(2);
    assertThat(nftView.get("value").asText()).isEqualTo(NFT_ID.toString());

    // block 1000: both coins A→B; 2000: the ETH coin B→C; 3000: the NFT coin B→C
    send(A, ethCoin, B);
    send(A, nftCoin, B);
    assertThat(formBlock()).isEqualTo(1000);
    send(B, ethCoin, C);
    assertThat(formBlock()).isEqualTo(2000);
    send(B, nftCoin, C);
    assertThat(formBlock()).isEqualTo(3000);
    assertThat(coin(ethCoin).get("owner").asText()).isEqualTo(c.toHex());
    assertThat(coin(ethCoin).get("block").asLong()).isEqualTo(2000);

    CoinHistoryVerifier verifier = new CoinHistoryVerifier(domain, cashA.coinRoots());
    var onChainEth = cashA.coin(ethCoin);
    CoinOrigin ethOrigin = new CoinOrigin(onChainEth.originBlock(), onChainEth.originOwner());
    CoinHistory ethHistory = history(ethCoin, ethOrigin.firstChildBlock(), 3000);
    assertThat(ethHistory.entries()).hasSize(3);
    assertThat(verifier.verify(ethOrigin, ethHistory, 3000))
        .isEqualTo(new HistoryVerdict.Valid(c, 2000, 3000));
    var onChainNft = cashA.coin(nftCoin);
    CoinOrigin nftOrigin = new CoinOrigin(onChainNft.originBlock(), onChainNft.originOwner());
    CoinHistory nftHistory = history(nftCoin, nftOrigin.firstChildBlock(), 3000);
    assertThat(verifier.verify(nftOrigin, nftHistory, 3000))
        .isEqualTo(new HistoryVerdict.Valid(c, 3000, 3000));
    assertThat(cashA.coinRoot(2000)).isNotEqualTo(cashA.coinRoot(3000));

    // C exits both coins with their last two transfers
    CashGameClient cashC = cash(C);
    BigInteger cBefore = balance(c);
    cashC.startExit(ethCoin, lastTwo(at(ethHistory, 1000), at(ethHistory, 2000)));
    cashC.startExit(nftCoin, lastTwo(at(nftHistory, 1000), at(nftHistory, 3000)));
    assertThat(cashC.exitOf(ethCoin).owner()).isEqualTo(c);
    operator.pollRootChain();
    assertThat(coin(ethCoin).get("state").asText()).isEqualTo("exiting");
    SignedCoinTransfer late =
        SignedCoinTransfer.sign(new CoinTransfer(ethCoin, 2000, Devnet.address(A)), key(C), domain);
    JsonNode refused =
        rpc("plasma_sendCoinTransfer", "0x" + java.util.HexFormat.of().formatHex(late.encode()));
    assertThat(refused.path("error").path("code").asInt())
        .isEqualTo(TxRejection.COIN_EXITING.code());

    devnet.anvil().increaseTime(devnet.params().minExitPeriodSeconds() + 1);
    devnet.anvil().mine(1);
    cashC.finalizeExit(ethCoin);
    cashC.finalizeExit(nftCoin);
    BigInteger gameBefore = balance(cashC.gameAddress());
    cashC.withdraw(ethCoin);
    cashC.withdraw(nftCoin);
    assertThat(cashC.bonds(c)).isEqualTo(cashC.coinExitBond().multiply(BigInteger.TWO));
    cashC.withdrawBonds();

    assertThat(balance(c))
        .as("the coin's wei and both bonds back, minus gas")
        .isEqualTo(cBefore.add(oneEth).subtract(cashC.gasCostWei()));
    assertThat(balance(cashC.gameAddress()))
        .isEqualTo(
            gameBefore.subtract(oneEth).subtract(cashC.coinExitBond().multiply(BigInteger.TWO)));
    assertThat(cashC.erc721Owner(nftAddress, NFT_ID)).isEqualTo(c);
    assertThat(cashC.coin(ethCoin).state()).isEqualTo(3);
    operator.pollRootChain();
    assertThat(coin(ethCoin).get("state").asText()).isEqualTo("withdrawn");
    assertThat(coin(nftCoin).get("state").asText()).isEqualTo("withdrawn");
  }

  @Test
  void aRestartedOperatorKeepsItsCoinsAndTheTransfersItAcknowledged() throws Exception {
    long slot = cash(A).depositEth(Devnet.ETHER.divide(BigInteger.TWO)).slot();
    credited(slot);
    SignedCoinTransfer toB = send(A, slot, B);
    operator.close();
    operator = startOperator();

    JsonNode pending = coin(slot);
    assertThat(pending.get("owner").asText()).isEqualTo(Devnet.address(A).toHex());
    assertThat(pending.get("pendingTransfer").asText())
        .isEqualTo("0x" + java.util.HexFormat.of().formatHex(toB.encode()));
    assertThat(formBlock()).isEqualTo(1000);
    assertThat(coin(slot).get("owner").asText()).isEqualTo(Devnet.address(B).toHex());
    CoinHistory h = history(slot, 1000, 1000);
    assertThat(at(h, 1000).transfer()).isEqualTo(toB);
    assertThat(cash(B).coinRoot(1000)).isNotEqualTo(org.plasma4j.core.types.Bytes32.ZERO);
  }
}
