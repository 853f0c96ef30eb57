package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/** Real deposits from the wallet into the real framework on an anvil this test starts. */
class WalletDepositIT {

  private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);
  private static final BigInteger MAX_GAS_COST = ONE_ETH.divide(BigInteger.valueOf(100));

  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Address framework;
  private static Address token;
  private static FrameworkRootChain rootChain;
  private static PlasmaWallet wallet;

  @BeforeAll
  static void deploy() {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials deployer = Credentials.create(DevAccounts.privateKey(DevAccounts.DEPLOYER));
    Address operator = Address.fromHex(
        Credentials.create(DevAccounts.privateKey(DevAccounts.OPERATOR)).getAddress());
    FrameworkDeployer deploy = new FrameworkDeployer(web3j, deployer);
    framework = deploy.deployFramework(FrameworkParams.defaults(operator));
    token = deploy.deployDevToken("Dev Token", "DEV");
    WalletKey key = WalletKey.fromHex(DevAccounts.privateKey(2));
    new FrameworkClient(web3j, deployer, framework)
        .mint(token, key.address(), BigInteger.valueOf(1000));
    rootChain = new FrameworkRootChain(anvil.rpcUrl(), key, () -> framework);
    // no operator is needed for root-chain actions
    wallet = new PlasmaWallet(key, new OperatorClient(URI.create("http://127.0.0.1:1")), rootChain);
  }

  @AfterAll
  static void stop() {
    rootChain.close();
    web3j.shutdown();
    anvil.close();
  }

  @Test
  void depositsEthAndErc20AndTheirBalancesMove() throws Exception {
    BigInteger before = wallet.l1Balance(Address.ETH);
    Deposit eth = wallet.deposit(Address.ETH, ONE_ETH);
    BigInteger spent = before.subtract(wallet.l1Balance(Address.ETH));

    assertThat(spent).isGreaterThan(ONE_ETH).isLessThan(ONE_ETH.add(MAX_GAS_COST));
    assertThat(eth.position())
        .isEqualTo(1_000_000L); // deposit block 1: blkNum * 1e6, as the framework numbers it
    assertThat(eth.amount()).isEqualTo(ONE_ETH);
    assertThat(web3j
            .ethGetBalance(framework.toHex(), DefaultBlockParameterName.LATEST)
            .send()
            .getBalance())
        .isEqualTo(ONE_ETH);

    Deposit erc20 = wallet.deposit(token, BigInteger.valueOf(400));
    assertThat(erc20.position()).isEqualTo(2_000_000L);
    assertThat(wallet.l1Balance(token)).isEqualTo(600);
  }

  @Test
  void aDepositLargerThanTheBalanceIsRefusedWithNothingSent() throws Exception {
    BigInteger nonce = nonce();
    assertThatThrownBy(() -> wallet.deposit(token, BigInteger.valueOf(1_000_000)))
        .isInstanceOfSatisfying(
            WalletException.DepositRefused.class,
            e -> assertThat(e.reason()).isEqualTo("INSUFFICIENT_BALANCE"))
        .hasMessageStartingWith(
            "deposit refused, nothing was sent: " + wallet.address() + " holds ")
        .hasMessageEndingWith(" DEV, less than the 0.000000000001 DEV to deposit");
    assertThat(nonce()).isEqualTo(nonce);
  }

  @Test
  void aDepositOfATokenWithNoContractIsRefusedWithNothingSent() throws Exception {
    BigInteger nonce = nonce();
    Address nothing = Address.fromHex("0x" + "5a".repeat(20));
    assertThatThrownBy(() -> wallet.deposit(nothing, BigInteger.ONE))
        .isInstanceOfSatisfying(
            WalletException.DepositRefused.class,
            e -> assertThat(e.reason()).isEqualTo("NO_CONTRACT"));
    assertThat(nonce()).isEqualTo(nonce);
  }

  private BigInteger nonce() throws java.io.IOException {
    return web3j
        .ethGetTransactionCount(wallet.address().toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount();
  }
}
