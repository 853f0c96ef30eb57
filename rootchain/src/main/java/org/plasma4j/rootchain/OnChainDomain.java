package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.DomainCheck;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The EIP-712 domain as the root chain defines it, for a pinned framework address: the node's
 * {@code eth_chainId} and the framework, checked against the framework's own
 * {@code domainSeparator()} (the value its exit games verify every signature with). Never the
 * operator's word.
 */
public final class OnChainDomain {

  private OnChainDomain() {}

  /**
   * The domain of {@code framework} on the chain {@code web3j} is connected to.
   *
   * @throws DomainCheck.MismatchException (DOMAIN_SEPARATOR) if the contract there is not a
   *     Plasma4j framework on this chain
   * @throws Web3jRootChain.RootChainException if the node cannot be read
   */
  public static Domain read(Web3j web3j, Address framework) {
    long chainId = L1Calls.read(() -> web3j.ethChainId().send().getChainId().longValueExact());
    Domain domain = new Domain(chainId, framework);
    DomainCheck.require(DomainCheck.separator(domain, separatorOf(web3j, framework)));
    return domain;
  }

  /**
   * The contract's {@code domainSeparator()}; zero when there is no contract at the address or the
   * call reverts (not a framework), so the check names it. A node that cannot be reached is not a
   * mismatch.
   */
  private static Bytes32 separatorOf(Web3j web3j, Address framework) {
    String code = L1Calls.read(() -> web3j
        .ethGetCode(framework.toHex(), DefaultBlockParameterName.LATEST)
        .send()
        .getCode());
    if (code == null || code.equals("0x") || code.isEmpty()) {
      return Bytes32.ZERO;
    }
    try {
      byte[] value = Contracts.readOnly(web3j, framework).domainSeparator().send();
      return value == null || value.length != 32 ? Bytes32.ZERO : new Bytes32(value);
    } catch (ContractCallException e) {
      return Bytes32.ZERO;
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException(
          "cannot read domainSeparator() of " + framework, e);
    }
  }

  /**
   * {@link #read}, and the cash game the framework registered ({@code exitGame(3)}) checks coin
   * transfers under this framework's domain: its {@code framework()} is the pinned framework.
   *
   * @throws DomainCheck.MismatchException (DOMAIN_SEPARATOR or CASH_GAME)
   */
  public static Domain readWithCashGame(Web3j web3j, Address framework) {
    Domain domain = read(web3j, framework);
    Address game = GameAddresses.cashGameOf(web3j, framework);
    Address gameFramework = Address.fromHex(L1Calls.read(() -> CashExitGame.load(
            game.toHex(),
            web3j,
            new ReadonlyTransactionManager(web3j, Address.ZERO.toHex()),
            new StaticGasProvider(BigInteger.ZERO, Contracts.CALL_GAS_LIMIT))
        .framework()
        .send()));
    DomainCheck.require(DomainCheck.cashGame(domain, game, gameFramework));
    return domain;
  }
}
