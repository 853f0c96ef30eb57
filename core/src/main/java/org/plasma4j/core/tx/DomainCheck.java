package org.plasma4j.core.tx;

import java.util.Objects;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * Whether an EIP-712 domain can be trusted. A signature is worth something only under the domain
 * the contracts check it with: the root chain's own chain id and the framework's address, as the
 * framework's {@code domainSeparator()} commits to them. A domain taken from anyone else (the
 * operator) could make a receiver accept a transfer whose signature is void on the root chain.
 * Pure: the caller reads the chain.
 */
public final class DomainCheck {

  /** Which check failed. */
  public enum Reason {
    /**
     * The framework's {@code domainSeparator()} is not the one of (chain id, framework): not a
     * framework on this chain.
     */
    DOMAIN_SEPARATOR,
    /**
     * The cash game the framework registered checks signatures under another framework's domain.
     */
    CASH_GAME,
    /** The operator names another chain id than the root-chain node. */
    OPERATOR_CHAIN_ID,
    /** The operator names another framework than the pinned one. */
    OPERATOR_FRAMEWORK
  }

  /** A failed check and what was seen. */
  public record Mismatch(Reason reason, String message) {
    public Mismatch {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  private DomainCheck() {}

  /** The framework's own {@code domainSeparator()} must be the separator of {@code domain}. */
  public static Optional<Mismatch> separator(Domain domain, Bytes32 onChain) {
    Bytes32 expected = domain.separator();
    if (onChain.equals(Bytes32.ZERO)) {
      return Optional.of(new Mismatch(
          Reason.DOMAIN_SEPARATOR,
          "there is no Plasma4j framework at " + domain.verifyingContract() + " on chain "
              + domain.chainId() + " (no domainSeparator())"));
    }
    return expected.equals(onChain)
        ? Optional.empty()
        : Optional.of(new Mismatch(
            Reason.DOMAIN_SEPARATOR,
            "the contract at " + domain.verifyingContract()
                + " has domainSeparator() " + onChain + ", not " + expected
                + " of a Plasma4j framework on chain "
                + domain.chainId()));
  }

  /**
   * The registered cash game checks coin transfers under its {@code framework()}'s domain, which
   * must be ours.
   */
  public static Optional<Mismatch> cashGame(
      Domain domain, Address cashGame, Address cashGameFramework) {
    return cashGameFramework.equals(domain.verifyingContract())
        ? Optional.empty()
        : Optional.of(new Mismatch(
            Reason.CASH_GAME,
            "the cash game " + cashGame + " registered as exitGame(3) of "
                + domain.verifyingContract() + " belongs to the framework " + cashGameFramework));
  }

  /** The operator's chain info must name the root chain's chain id and the pinned framework. */
  public static Optional<Mismatch> operator(
      Domain domain, long operatorChainId, Address operatorFramework) {
    if (operatorChainId != domain.chainId()) {
      return Optional.of(new Mismatch(
          Reason.OPERATOR_CHAIN_ID,
          "the operator says chain id " + operatorChainId + ", the root-chain node says "
              + domain.chainId()));
    }
    if (!operatorFramework.equals(domain.verifyingContract())) {
      return Optional.of(new Mismatch(
          Reason.OPERATOR_FRAMEWORK,
          "the operator says framework " + operatorFramework + ", the pinned framework is "
              + domain.verifyingContract()));
    }
    return Optional.empty();
  }

  /** A failed check, thrown. */
  public static final class MismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient Mismatch mismatch;

    public MismatchException(Mismatch mismatch) {
      super("EIP-712 domain mismatch (" + mismatch.reason() + "): " + mismatch.message());
      this.mismatch = mismatch;
    }

    public Reason reason() {
      return mismatch.reason();
    }

    public Mismatch mismatch() {
      return mismatch;
    }
  }

  /** Throws the mismatch, if any. */
  public static void require(Optional<Mismatch> check) {
    if (check.isPresent()) {
      throw new MismatchException(check.get());
    }
  }
}
