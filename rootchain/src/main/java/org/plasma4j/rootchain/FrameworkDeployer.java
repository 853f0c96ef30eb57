package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Deploys the root-chain contracts: the framework with its in-flight, mass and cash (Plasma Cash)
 * exit games and, on development chains, a test token.
 */
public final class FrameworkDeployer {

  private final Web3j web3j;
  private final Credentials deployer;
  private final long chainId;

  public FrameworkDeployer(Web3j web3j, Credentials deployer) {
    this.web3j = web3j;
    this.deployer = deployer;
    try {
      this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    } catch (java.io.IOException e) {
      throw new Web3jRootChain.RootChainException("cannot read chain id", e);
    }
  }

  /**
   * Framework parameters: the operator, the minimum exit period, the standard exit's bond and
   * bounty, the bonds of the in-flight and mass exit games (docs/protocol.md sections 6 and 7) and
   * those of the cash game: coin exit, challenge-before and checkpoint (section 9).
   */
  public record FrameworkParams(
      Address operator,
      long minExitPeriodSeconds,
      BigInteger exitBond,
      BigInteger processBounty,
      BigInteger inFlightExitBond,
      BigInteger piggybackBond,
      BigInteger ifeProcessBounty,
      BigInteger massExitBondPerOutput,
      BigInteger massExitBountyPerOutput,
      BigInteger coinExitBond,
      BigInteger coinChallengeBond,
      BigInteger checkpointBond) {

    /** A week, as MoreVP's security argument assumes; tests and the devnet pass seconds. */
    public static final long DEFAULT_MIN_EXIT_PERIOD = 7 * 24 * 3600;

    private static final BigInteger MILLI_ETHER = BigInteger.TEN.pow(15);

    /** The standard-exit parameters with the default exit-game bonds. */
    public FrameworkParams(
        Address operator,
        long minExitPeriodSeconds,
        BigInteger exitBond,
        BigInteger processBounty) {
      this(
          operator,
          minExitPeriodSeconds,
          exitBond,
          processBounty,
          MILLI_ETHER.multiply(BigInteger.TEN), // 0.01 ETH
          MILLI_ETHER.multiply(BigInteger.valueOf(5)), // 0.005 ETH
          MILLI_ETHER, // 0.001 ETH
          MILLI_ETHER, // 0.001 ETH
          MILLI_ETHER.divide(BigInteger.TEN), // 0.0001 ETH
          MILLI_ETHER.multiply(BigInteger.TEN), // 0.01 ETH
          MILLI_ETHER.multiply(BigInteger.TEN), // 0.01 ETH
          MILLI_ETHER.multiply(BigInteger.TEN)); // 0.01 ETH
    }

    public static FrameworkParams defaults(Address operator) {
      return new FrameworkParams(
          operator,
          DEFAULT_MIN_EXIT_PERIOD,
          MILLI_ETHER.multiply(BigInteger.TEN), // 0.01 ETH
          MILLI_ETHER); // 0.001 ETH
    }

    public FrameworkParams withMinExitPeriod(long seconds) {
      return new FrameworkParams(
          operator,
          seconds,
          exitBond,
          processBounty,
          inFlightExitBond,
          piggybackBond,
          ifeProcessBounty,
          massExitBondPerOutput,
          massExitBountyPerOutput,
          coinExitBond,
          coinChallengeBond,
          checkpointBond);
    }
  }

  /**
   * Where the contracts of one deployment live, and the root-chain block the framework was deployed
   * in (where readers of its events start; see {@link DeploymentBlock}).
   */
  public record Deployment(
      Address framework,
      Address inFlightExitGame,
      Address massExitGame,
      Address cashExitGame,
      long deployedAt) {}

  /**
   * Deploys the framework and its three exit games, then registers the games with the framework (a
   * one-shot call only the deployer may make, so nobody can register games of their own later).
   */
  public Deployment deploy(FrameworkParams params) {
    try {
      TransactionManager tm = Contracts.signer(web3j, deployer, chainId);
      PlasmaFramework framework = PlasmaFramework.deploy(
              web3j,
              tm,
              deployGas(),
              params.operator().toHex(),
              BigInteger.valueOf(params.minExitPeriodSeconds()),
              params.exitBond(),
              params.processBounty())
          .send();
      InFlightExitGame ife = InFlightExitGame.deploy(
              web3j,
              tm,
              deployGas(),
              framework.getContractAddress(),
              params.inFlightExitBond(),
              params.piggybackBond(),
              params.ifeProcessBounty())
          .send();
      MassExitGame mass = MassExitGame.deploy(
              web3j,
              tm,
              deployGas(),
              framework.getContractAddress(),
              params.massExitBondPerOutput(),
              params.massExitBountyPerOutput())
          .send();
      CashExitGame cash = CashExitGame.deploy(
              web3j,
              tm,
              deployGas(),
              framework.getContractAddress(),
              params.coinExitBond(),
              params.coinChallengeBond(),
              params.checkpointBond())
          .send();
      PlasmaFramework registrar = PlasmaFramework.load(
          framework.getContractAddress(),
          web3j,
          tm,
          Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT));
      TransactionReceipt registered = registrar
          .registerExitGames(
              ife.getContractAddress(), mass.getContractAddress(), cash.getContractAddress())
          .send();
      if (!registered.isStatusOK()) {
        throw new Web3jRootChain.RootChainException("registerExitGames reverted", null);
      }
      return new Deployment(
          Address.fromHex(framework.getContractAddress()),
          Address.fromHex(ife.getContractAddress()),
          Address.fromHex(mass.getContractAddress()),
          Address.fromHex(cash.getContractAddress()),
          framework
              .getTransactionReceipt()
              .orElseThrow(() -> new Web3jRootChain.RootChainException(
                  "the framework's deployment has no receipt", null))
              .getBlockNumber()
              .longValueExact());
    } catch (Web3jRootChain.RootChainException e) {
      throw e;
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException("framework deployment failed", e);
    }
  }

  /** Deploys everything ({@link #deploy}) and returns the framework's address. */
  public Address deployFramework(FrameworkParams params) {
    return deploy(params).framework();
  }

  private org.web3j.tx.gas.ContractGasProvider deployGas() {
    return Contracts.gas(web3j, chainId, Contracts.DEPLOY_GAS_LIMIT);
  }

  /** Deploys a mintable ERC20 for development chains; the deployer may mint to anyone. */
  public Address deployDevToken(String name, String symbol) {
    try {
      TransactionManager tm = Contracts.signer(web3j, deployer, chainId);
      DevToken token = DevToken.deploy(web3j, tm, deployGas(), name, symbol).send();
      return Address.fromHex(token.getContractAddress());
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException("token deployment failed", e);
    }
  }
}
