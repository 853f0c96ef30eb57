package org.plasma4j.wallet;

import java.math.BigInteger;
import org.plasma4j.core.types.Address;

/**
 * Every way a wallet operation can fail, one subtype per cause, each with a message that a command
 * line can print as it is. Nothing here ever carries key material.
 */
public abstract sealed class WalletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WalletException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A caller's argument is malformed: a bad amount, address, key, position or keystore password.
   */
  public static final class InvalidInput extends WalletException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message) {
      super(message, null);
    }

    public InvalidInput(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A deposit was refused before anything was sent, because it would revert on the root chain: no
   * contract at the token address, not a token of the kind asked for, too small a balance, a token
   * id not the depositor's, or an amount of 2^192 or more. {@code reason} is a DepositCheck.Reason
   * name ({@code NO_CONTRACT}, {@code NOT_ERC20}, {@code NOT_ERC721}, {@code INSUFFICIENT_BALANCE},
   * {@code NOT_TOKEN_OWNER}, {@code AMOUNT_TOO_LARGE}).
   */
  public static final class DepositRefused extends WalletException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public DepositRefused(String reason, String message) {
      super("deposit refused, nothing was sent: " + message, null);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * A mixed-case address whose EIP-55 checksum is wrong: most likely a typo, and funds sent to a
   * mistyped address are lost. All-lower or all-upper case carries no checksum and is taken as it
   * is.
   */
  public static final class BadAddressChecksum extends WalletException {
    private static final long serialVersionUID = 1L;

    public BadAddressChecksum(String what, String given, String checksummed) {
      super(
          what + " " + given + " has a wrong EIP-55 checksum (its mixed case should read "
              + checksummed + "): check the address for a typo",
          null);
    }
  }

  /** The wallet's outputs cannot pay for what was asked (amount or fee). */
  public static final class InsufficientFunds extends WalletException {
    private static final long serialVersionUID = 1L;
    private final transient Address token;
    private final BigInteger needed;
    private final BigInteger available;

    public InsufficientFunds(
        Address token, BigInteger needed, BigInteger available, String detail) {
      super(
          "insufficient funds in "
              + (token.isZero() ? "ETH" : "token " + token)
              + ": need "
              + units(token, needed)
              + ", have "
              + units(token, available)
              + (detail.isEmpty() ? "" : " (" + detail + ")"),
          null);
      this.token = token;
      this.needed = needed;
      this.available = available;
    }

    /**
     * ETH in ether from a gwei on (smaller amounts read better in wei); a token in its base units,
     * which need no root-chain call to know.
     */
    private static String units(Address token, BigInteger amount) {
      if (!token.isZero()) {
        return amount + " base units";
      }
      if (amount.compareTo(BigInteger.TEN.pow(9)) < 0) {
        return amount + " wei";
      }
      return new java.math.BigDecimal(amount)
              .movePointLeft(18)
              .stripTrailingZeros()
              .toPlainString() + " ETH";
    }

    public Address token() {
      return token;
    }

    public BigInteger needed() {
      return needed;
    }

    public BigInteger available() {
      return available;
    }
  }

  /** The operator knows no output (or, for a challenge, no spend) at this position. */
  public static final class UnknownPosition extends WalletException {
    private static final long serialVersionUID = 1L;

    public UnknownPosition(long position, String what) {
      super("unknown position " + position + ": " + what, null);
    }
  }

  /**
   * The output was already spent on the child chain by a transaction its owner signed: an exit of
   * it would be challenged with that spend and its exit bond paid to the challenger.
   */
  public static final class OutputSpent extends WalletException {
    private static final long serialVersionUID = 1L;

    public OutputSpent(long position, String spendingTxHash) {
      super(
          "output " + position + " is already spent on the child chain (by tx " + spendingTxHash
              + "): an exit"
              + " of it will be challenged with that spend and its exit bond lost to the challenger; to exit it anyway,"
              + " run again with --force",
          null);
    }
  }

  /** Neither the operator nor the root chain knows a transaction with this hash. */
  public static final class UnknownTransaction extends WalletException {
    private static final long serialVersionUID = 1L;

    public UnknownTransaction(String txHash) {
      super(
          "unknown transaction " + txHash
              + ": the operator has no child-chain transaction and the root chain no"
              + " mined transaction with this hash",
          null);
    }
  }

  /** The output at a position belongs to someone else, so this key cannot exit it. */
  public static final class NotYourOutput extends WalletException {
    private static final long serialVersionUID = 1L;

    public NotYourOutput(long position, Address owner, Address you) {
      super(
          "output " + position + " belongs to " + owner + ", not to this wallet (" + you + ")",
          null);
    }
  }

  /**
   * The operator listed an output of this wallet that the root chain does not bear out: its block's
   * commitment does not hold the exit data the operator serves, or the output there differs from
   * the listing (owner, token, amount), or the block is not committed yet, so that the position is
   * bound to no transaction. A payment signed over it could pay the operator the difference as fee,
   * so nothing was signed or sent.
   */
  public static final class ListingRefuted extends WalletException {
    private static final long serialVersionUID = 1L;
    private final long position;

    public ListingRefuted(long position, String why) {
      super(
          "the operator's listing of output " + position + " is refuted, nothing was signed: "
              + why,
          null);
      this.position = position;
    }

    public long position() {
      return position;
    }
  }

  /** The operator did not answer at all, or did not answer JSON-RPC. */
  public static final class OperatorUnreachable extends WalletException {
    private static final long serialVersionUID = 1L;

    public OperatorUnreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The operator answered with a JSON-RPC error (codes in docs/rpc-errors.md). */
  public static final class OperatorError extends WalletException {
    private static final long serialVersionUID = 1L;

    /** docs/rpc-errors.md: the block, transaction or output asked for is unknown. */
    public static final int NOT_FOUND = -32022;

    private final int code;
    private final String rpcMessage;

    public OperatorError(int code, String rpcMessage) {
      super("operator rejected the request (" + code + "): " + rpcMessage, null);
      this.code = code;
      this.rpcMessage = rpcMessage;
    }

    public int code() {
      return code;
    }

    /** The operator's message, without the code prefix. */
    public String rpcMessage() {
      return rpcMessage;
    }
  }

  /** A root-chain call failed: the node is unreachable or the contract reverted. */
  public static final class RootChainFailure extends WalletException {
    private static final long serialVersionUID = 1L;

    public RootChainFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A wait (for inclusion, for a root-chain block) ran out of time. */
  public static final class Timeout extends WalletException {
    private static final long serialVersionUID = 1L;

    public Timeout(String message) {
      super(message, null);
    }
  }

  /**
   * A coin's history, proofs or bundle failed verification (docs/protocol.md sections 9.3 and 9.6);
   * nothing of it was stored. {@code reason} names the rule broken (a HistoryRejection kind).
   */
  public static final class CoinRejected extends WalletException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public CoinRejected(String reason, String message) {
      super("coin rejected (" + reason + "): " + message, null);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * The EIP-712 domain cannot be trusted, so nothing is signed or verified: the pinned framework is
   * not a Plasma4j framework on the root-chain node's chain, its cash game belongs to another
   * framework, or the operator names another chain id or framework. {@code reason} is a
   * DomainCheck.Reason name ({@code DOMAIN_SEPARATOR}, {@code CASH_GAME},
   * {@code OPERATOR_CHAIN_ID}, {@code OPERATOR_FRAMEWORK}).
   */
  public static final class DomainMismatch extends WalletException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public DomainMismatch(String reason, String message) {
      super("EIP-712 domain mismatch (" + reason + "): " + message, null);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * The framework has taken its last child block (docs/protocol.md section 1): a deposit now would
   * still be exitable, but no child block could ever carry a spend of it, so the wallet does not
   * make it.
   */
  public static final class ChainFull extends WalletException {
    private static final long serialVersionUID = 1L;

    public ChainFull(long lastChildBlock, long nextChildBlock) {
      super(
          "the chain is full: the framework took its last child block " + lastChildBlock
              + " (the next would be " + nextChildBlock
              + "); a deposit could only be exited, never spent: deposit into a new deployment",
          null);
    }
  }

  /** The wallet holds no such coin, or the coin cannot move now (exiting, exited, spent). */
  public static final class CoinUnavailable extends WalletException {
    private static final long serialVersionUID = 1L;

    public CoinUnavailable(long slot, String why) {
      super("coin " + Long.toUnsignedString(slot) + ": " + why, null);
    }
  }

  /**
   * The claims pending on a coin cannot be told for sure: the cash game counts exits or checkpoints
   * that the root chain's events do not name (a node withholding logs, a deep reorg). A coin is
   * never judged safe by such a view; a receiver keeps the bundle and tries again.
   */
  public static final class ClaimsUnknown extends WalletException {
    private static final long serialVersionUID = 1L;
    private final long slot;

    public ClaimsUnknown(long slot, String message) {
      super(
          "the claims pending on coin " + Long.toUnsignedString(slot) + " are unknown: " + message,
          null);
      this.slot = slot;
    }

    public long slot() {
      return slot;
    }
  }
}
