package org.plasma4j.explorer;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * One root-chain transaction for the user's wallet to send ({@code eth_sendTransaction}): the
 * contract, the calldata and the wei it carries, and what it does in words for the page. The
 * explorer prepares it; the user's wallet signs and sends it, so no key is ever on the server.
 */
public record L1Call(String label, Address to, String data, BigInteger value) {

  public static L1Call depositEth(Address framework, BigInteger wei) {
    return new L1Call("deposit " + wei + " wei", framework, encode("depositEth", List.of()), wei);
  }

  /** A new Plasma Cash coin of {@code wei} ETH, deposited into the cash exit game. */
  public static L1Call depositCoinEth(Address cashGame, BigInteger wei) {
    return new L1Call(
        "deposit a coin of " + wei + " wei", cashGame, encode("depositEth", List.of()), wei);
  }

  /** The approval a token deposit needs first. */
  public static L1Call approve(Address token, Address framework, BigInteger amount) {
    return new L1Call(
        "approve the framework for " + amount,
        token,
        encode("approve", List.of(address(framework), new Uint256(amount))),
        BigInteger.ZERO);
  }

  public static L1Call depositErc20(Address framework, Address token, BigInteger amount) {
    return new L1Call(
        "deposit " + amount + " of " + token.toHex(),
        framework,
        encode("depositErc20", List.of(address(token), new Uint256(amount))),
        BigInteger.ZERO);
  }

  public static L1Call startStandardExit(
      Address framework,
      long position,
      byte[] txBytes,
      byte[] proof,
      long blockTimestamp,
      BigInteger bond) {
    return new L1Call(
        "exit output " + position + " (bond " + bond + " wei)",
        framework,
        encode(
            "startStandardExit",
            List.of(
                uint(position),
                new DynamicBytes(txBytes),
                new DynamicBytes(proof),
                uint(blockTimestamp))),
        bond);
  }

  /** First half of a challenge; the reveal must land in a later root-chain block. */
  public static L1Call commitChallenge(
      Address framework, org.plasma4j.core.types.Bytes32 commitment) {
    return new L1Call(
        "commit to the challenge",
        framework,
        encode("commitChallenge", List.of(new Bytes32(commitment.value()))),
        BigInteger.ZERO);
  }

  public static L1Call challengeStandardExit(
      Address framework, long position, byte[] spendingTx, int inputIndex, byte[] signature) {
    return new L1Call(
        "challenge the exit of " + position,
        framework,
        encode(
            "challengeStandardExit",
            List.of(
                uint(position),
                new DynamicBytes(spendingTx),
                uint(inputIndex),
                new DynamicBytes(signature))),
        BigInteger.ZERO);
  }

  public static L1Call processExits(Address framework, Address token, int maxExits) {
    return new L1Call(
        "process up to " + maxExits + " exits of " + token.toHex(),
        framework,
        encode("processExits", List.of(address(token), uint(maxExits))),
        BigInteger.ZERO);
  }

  private static Uint256 uint(long v) {
    return new Uint256(BigInteger.valueOf(v));
  }

  private static org.web3j.abi.datatypes.Address address(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toHex());
  }

  @SuppressWarnings("rawtypes")
  private static String encode(String name, List<Type> args) {
    return FunctionEncoder.encode(new Function(name, args, List.of()));
  }

  /** The value as a 0x quantity, as eth_sendTransaction takes it. */
  public String valueHex() {
    return "0x" + value.toString(16);
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }
}
