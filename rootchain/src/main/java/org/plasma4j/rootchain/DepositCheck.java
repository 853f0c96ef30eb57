package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.types.Address;

/**
 * Whether a token deposit can succeed, judged before anything is sent: a deposit that reverts on
 * chain has already cost gas, and its approval would stay behind. Pure: the facts come from
 * {@link TokenProbe}.
 */
public final class DepositCheck {

  /**
   * Every exit amount is below 2^192 (contracts/src/lib/ExitAmount.sol), so no deposit may be
   * larger.
   */
  public static final BigInteger MAX_AMOUNT =
      BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE);

  private DepositCheck() {}

  /**
   * What the token contract says: its code, ERC-165's ERC-721, the owner's balance and the id's
   * owner.
   */
  public record TokenFacts(
      boolean hasCode, boolean erc721, Optional<BigInteger> balance, Optional<Address> ownerOfId) {}

  /** Why a deposit is refused. */
  public enum Reason {
    NO_CONTRACT,
    NOT_ERC20,
    NOT_ERC721,
    INSUFFICIENT_BALANCE,
    NOT_TOKEN_OWNER,
    AMOUNT_TOO_LARGE
  }

  /** A refused deposit: nothing was sent. */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public Refused(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /** An ERC20 deposit of {@code amount} (base units) of {@code token} by {@code owner}. */
  public static Optional<Refused> erc20(
      TokenUnits units, Address owner, BigInteger amount, TokenFacts facts) {
    Address token = units.token();
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      return refuse(
          Reason.AMOUNT_TOO_LARGE, "a deposit must be below 2^192 base units, got " + amount);
    }
    if (!facts.hasCode()) {
      return refuse(
          Reason.NO_CONTRACT, "no contract at " + token + ": it is not a token on this chain");
    }
    if (facts.erc721()) {
      return refuse(Reason.NOT_ERC20, token + " is an ERC721 contract, not an ERC20");
    }
    if (facts.balance().isEmpty()) {
      return refuse(
          Reason.NOT_ERC20, token + " is not an ERC20 token (it does not answer balanceOf)");
    }
    BigInteger balance = facts.balance().get();
    if (balance.compareTo(amount) < 0) {
      return refuse(
          Reason.INSUFFICIENT_BALANCE,
          owner + " holds " + units.format(balance) + ", less than the " + units.format(amount)
              + " to deposit");
    }
    return Optional.empty();
  }

  /** An ERC721 deposit of {@code tokenId} of {@code token} by {@code owner}. */
  public static Optional<Refused> erc721(
      Address token, Address owner, BigInteger tokenId, TokenFacts facts) {
    if (!facts.hasCode()) {
      return refuse(
          Reason.NO_CONTRACT, "no contract at " + token + ": it is not a token on this chain");
    }
    if (!facts.erc721()) {
      return refuse(
          Reason.NOT_ERC721,
          token + " is not an ERC721 contract (it does not declare the ERC721"
              + " interface); deposit an ERC20 with --kind erc20");
    }
    Optional<Address> holder = facts.ownerOfId();
    if (holder.isEmpty()) {
      return refuse(
          Reason.NOT_TOKEN_OWNER, "token #" + tokenId + " of " + token + " does not exist");
    }
    if (!holder.get().equals(owner)) {
      return refuse(
          Reason.NOT_TOKEN_OWNER,
          "token #" + tokenId + " of " + token + " belongs to " + holder.get() + ", not to "
              + owner);
    }
    return Optional.empty();
  }

  /** An ETH deposit of {@code wei} from an account holding {@code balance}. */
  public static Optional<Refused> eth(Address owner, BigInteger wei, BigInteger balance) {
    if (wei.compareTo(MAX_AMOUNT) > 0) {
      return refuse(Reason.AMOUNT_TOO_LARGE, "a deposit must be below 2^192 wei, got " + wei);
    }
    if (balance.compareTo(wei) < 0) {
      return refuse(
          Reason.INSUFFICIENT_BALANCE,
          owner + " holds " + TokenUnits.ETH.format(balance) + ", less than the "
              + TokenUnits.ETH.format(wei) + " to deposit");
    }
    return Optional.empty();
  }

  private static Optional<Refused> refuse(Reason reason, String message) {
    return Optional.of(new Refused(reason, message));
  }
}
