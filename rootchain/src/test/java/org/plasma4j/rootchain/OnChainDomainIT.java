package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.DomainCheck;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;

/**
 * The EIP-712 domain read from a real anvil: the node's chain id and the pinned framework, checked
 * against the framework's domainSeparator() and its cash game's framework(); every way the pinned
 * address can be wrong is named.
 */
class OnChainDomainIT {

  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Deployment deployment;
  private static Address token;

  @BeforeAll
  static void deploy() {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    FrameworkDeployer deployer = new FrameworkDeployer(
        web3j, Credentials.create(DevAccounts.privateKey(DevAccounts.DEPLOYER)));
    deployment = deployer.deploy(FrameworkParams.defaults(Address.fromHex(
        Credentials.create(DevAccounts.privateKey(DevAccounts.OPERATOR)).getAddress())));
    token = deployer.deployDevToken("Dev", "DEV");
  }

  @AfterAll
  static void stop() {
    web3j.shutdown();
    anvil.close();
  }

  @Test
  void theDomainIsTheNodesChainIdAndTheFrameworkItsSeparatorConfirms() {
    Domain expected = new Domain(AnvilNode.CHAIN_ID, deployment.framework());
    assertThat(OnChainDomain.read(web3j, deployment.framework())).isEqualTo(expected);
    assertThat(OnChainDomain.readWithCashGame(web3j, deployment.framework())).isEqualTo(expected);
    assertThat(new Web3jRootChain(web3j, deployment.framework(), Optional.empty())
            .info()
            .chainId())
        .isEqualTo(AnvilNode.CHAIN_ID);
  }

  @Test
  void anAddressWithoutAFrameworkIsNamedAndNoRootChainViewIsBuiltOnIt() {
    Address nothing = Address.fromHex("0x" + "0e".repeat(20));
    for (Address pinned : new Address[] {nothing, token, deployment.cashExitGame()}) {
      assertThatThrownBy(() -> OnChainDomain.read(web3j, pinned))
          .isInstanceOfSatisfying(
              DomainCheck.MismatchException.class,
              e -> assertThat(e.reason()).isEqualTo(DomainCheck.Reason.DOMAIN_SEPARATOR))
          .hasMessageContaining("no Plasma4j framework at " + pinned);
      assertThatThrownBy(() -> new Web3jRootChain(web3j, pinned, Optional.empty()))
          .isInstanceOf(DomainCheck.MismatchException.class);
    }
  }

  @Test
  void aFrameworkWhoseRegisteredCashGameBelongsToAnotherFrameworkIsNamed() throws Exception {
    // a second framework whose deployer registers the first deployment's games as its own
    Credentials deployer = Credentials.create(DevAccounts.privateKey(DevAccounts.DEPLOYER));
    long chainId = AnvilNode.CHAIN_ID;
    TransactionManager tm = Contracts.signer(web3j, deployer, chainId);
    FrameworkParams p = FrameworkParams.defaults(Address.fromHex(deployer.getAddress()));
    PlasmaFramework other = PlasmaFramework.deploy(
            web3j,
            tm,
            Contracts.gas(web3j, chainId, Contracts.DEPLOY_GAS_LIMIT),
            p.operator().toHex(),
            BigInteger.valueOf(p.minExitPeriodSeconds()),
            p.exitBond(),
            p.processBounty())
        .send();
    assertThat(other
            .registerExitGames(
                deployment.inFlightExitGame().toHex(),
                deployment.massExitGame().toHex(),
                deployment.cashExitGame().toHex())
            .send()
            .isStatusOK())
        .isTrue();
    Address otherFramework = Address.fromHex(other.getContractAddress());

    assertThat(OnChainDomain.read(web3j, otherFramework))
        .isEqualTo(new Domain(chainId, otherFramework));
    assertThatThrownBy(() -> OnChainDomain.readWithCashGame(web3j, otherFramework))
        .isInstanceOfSatisfying(
            DomainCheck.MismatchException.class,
            e -> assertThat(e.reason()).isEqualTo(DomainCheck.Reason.CASH_GAME))
        .hasMessageContaining("belongs to the framework " + deployment.framework());
  }
}
