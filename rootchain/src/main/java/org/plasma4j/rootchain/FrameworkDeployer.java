package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;

/** Deploys the root-chain contracts: the framework and, on development chains, a test token. */
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

  /** Framework parameters: the operator, the minimum exit period, the exit bond and its bounty. */
  public record FrameworkParams(
      Address operator, long minExitPeriodSeconds, BigInteger exitBond, BigInteger processBounty) {

    /** A week, as MoreVP's security argument assumes; tests and the devnet pass seconds. */
    public static final long DEFAULT_MIN_EXIT_PERIOD = 7 * 24 * 3600;

    public static FrameworkParams defaults(Address operator) {
      return new FrameworkParams(
          operator,
          DEFAULT_MIN_EXIT_PERIOD,
          BigInteger.valueOf(10_000_000_000_000_000L), // 0.01 ETH
          BigInteger.valueOf(1_000_000_000_000_000L)); // 0.001 ETH
    }
  }

  public Address deployFramework(FrameworkParams params) {
    try {
      TransactionManager tm = Contracts.signer(web3j, deployer, chainId);
      PlasmaFramework framework =
          PlasmaFramework.deploy(
                  web3j,
                  tm,
                  Contracts.gas(web3j, chainId, Contracts.DEPLOY_GAS_LIMIT),
                  params.operator().toHex(),
                  BigInteger.valueOf(params.minExitPeriodSeconds()),
                  params.exitBond(),
                  params.processBounty())
              .send();
      return Address.fromHex(framework.getContractAddress());
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException("framework deployment failed", e);
    }
  }

  /** Deploys a mintable ERC20 for development chains; the deployer may mint to anyone. */
  public Address deployDevToken(String name, String symbol) {
    try {
      TransactionManager tm = Contracts.signer(web3j, deployer, chainId);
      DevToken token =
          DevToken.deploy(web3j, tm, Contracts.gas(web3j, chainId, Contracts.DEPLOY_GAS_LIMIT), name, symbol)
              .send();
      return Address.fromHex(token.getContractAddress());
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException("token deployment failed", e);
    }
  }
}
