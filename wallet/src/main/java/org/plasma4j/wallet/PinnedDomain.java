package org.plasma4j.wallet;

import java.util.function.Supplier;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.DomainCheck;
import org.plasma4j.wallet.WalletException.DomainMismatch;

/**
 * The EIP-712 domain a wallet signs and verifies under: the root-chain node's chain id and the
 * pinned framework, as checked against the framework's {@code domainSeparator()} on chain. The
 * operator's {@code plasma_getChainInfo} is only compared with it: a wallet that signs or accepts
 * refuses to work with an operator of another chain or framework, whose transfers would be void on
 * the root chain.
 */
public final class PinnedDomain {

  private PinnedDomain() {}

  /**
   * The domain read from the root chain ({@code read} may throw DomainCheck.MismatchException).
   *
   * @throws DomainMismatch naming the failed check
   */
  public static Domain onChain(Supplier<Domain> read) {
    try {
      return read.get();
    } catch (DomainCheck.MismatchException e) {
      throw mismatch(e.mismatch());
    }
  }

  /**
   * {@code onChain}, once the operator's view has been compared with it.
   *
   * @throws DomainMismatch (OPERATOR_CHAIN_ID, OPERATOR_FRAMEWORK) if the operator names another
   *     chain or framework
   */
  public static Domain agreed(Domain onChain, OperatorClient.ChainInfo operatorView) {
    DomainCheck.operator(onChain, operatorView.chainId(), operatorView.framework())
        .ifPresent(m -> {
          throw mismatch(m);
        });
    return onChain;
  }

  private static DomainMismatch mismatch(DomainCheck.Mismatch m) {
    return new DomainMismatch(m.reason().name(), m.message());
  }
}
