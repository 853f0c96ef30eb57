package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * A user's root-chain actions against the framework: deposit, exit, challenge, process exits and
 * withdraw. Every call waits for its receipt and fails if the transaction reverted.
 */
public final class FrameworkClient {

  private final Web3j web3j;
  private final Credentials key;
  private final Address framework;
  private final long chainId;
  private final L1Calls calls = new L1Calls();

  public FrameworkClient(Web3j web3j, Credentials key, Address framework) {
    this.web3j = web3j;
    this.key = key;
    this.framework = framework;
    try {
      this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    } catch (java.io.IOException e) {
      throw new Web3jRootChain.RootChainException("cannot read chain id", e);
    }
  }

  public Address address() {
    return Address.fromHex(key.getAddress());
  }

  private PlasmaFramework framework() {
    TransactionManager tm = Contracts.signer(web3j, key, chainId);
    return PlasmaFramework.load(
        framework.toHex(), web3j, tm, Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT));
  }

  private DevToken token(Address token) {
    TransactionManager tm = Contracts.signer(web3j, key, chainId);
    return DevToken.load(token.toHex(), web3j, tm, Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT));
  }

  public TransactionReceipt depositEth(BigInteger wei) {
    return send("depositEth", () -> framework().depositEth(wei).send());
  }

  /** Approves the framework for {@code amount} and deposits it. */
  public TransactionReceipt depositErc20(Address token, BigInteger amount) {
    send("approve", () -> token(token).approve(framework.toHex(), amount).send());
    return send("depositErc20", () -> framework().depositErc20(token.toHex(), amount).send());
  }

  public TransactionReceipt startStandardExit(
      long position, byte[] txBytes, byte[] proof, long blockTimestamp) {
    BigInteger bond = exitBond();
    return send(
        "startStandardExit",
        () ->
            framework()
                .startStandardExit(
                    BigInteger.valueOf(position),
                    txBytes,
                    proof,
                    BigInteger.valueOf(blockTimestamp),
                    bond)
                .send());
  }

  /** First half of a challenge: commits to (this address, position, spending tx) without revealing. */
  public TransactionReceipt commitChallenge(Bytes32 commitment) {
    return send("commitChallenge", () -> framework().commitChallenge(commitment.value()).send());
  }

  public TransactionReceipt challengeStandardExit(
      long position, byte[] spendingTx, int inputIndex, byte[] signature) {
    return send(
        "challengeStandardExit",
        () ->
            framework()
                .challengeStandardExit(
                    BigInteger.valueOf(position),
                    spendingTx,
                    BigInteger.valueOf(inputIndex),
                    signature)
                .send());
  }

  public TransactionReceipt processExits(Address token, int maxExits) {
    return send(
        "processExits",
        () -> framework().processExits(token.toHex(), BigInteger.valueOf(maxExits)).send());
  }

  public TransactionReceipt withdraw(Address token) {
    return send("withdraw", () -> framework().withdraw(token.toHex()).send());
  }

  /** The number the framework gives its next child block. */
  public long nextChildBlock() {
    return read(() -> framework().nextChildBlock().send()).longValueExact();
  }

  public BigInteger exitBond() {
    return read(() -> framework().exitBond().send());
  }

  public BigInteger exitQueueLength(Address token) {
    return read(() -> framework().exitQueueLength(token.toHex()).send());
  }

  /** The standard exit's state: 0 none, 1 exiting, 2 challenged, 3 exited. */
  public int standardExitState(long position) {
    return read(() -> framework().exits(BigInteger.valueOf(position)).send().component4().intValueExact());
  }

  /** What the vault owes {@code who} in {@code token} after a push payout to it failed. */
  public BigInteger withdrawable(Address who, Address token) {
    return read(() -> framework().withdrawable(who.toHex(), token.toHex()).send());
  }

  public boolean isExited(long position) {
    return read(() -> framework().isExited(BigInteger.valueOf(position)).send());
  }

  public BigInteger ethBalance(Address who) {
    return read(
        () -> web3j.ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST).send().getBalance());
  }

  public BigInteger tokenBalance(Address token, Address who) {
    return read(() -> token(token).balanceOf(who.toHex()).send());
  }

  /** Development chains only: mints test tokens (the caller must be the token's deployer). */
  public TransactionReceipt mint(Address token, Address to, BigInteger amount) {
    return send("mint", () -> token(token).mint(to.toHex(), amount).send());
  }

  /** Wei this client has paid in gas so far, so callers can reconcile L1 balances exactly. */
  public BigInteger gasCostWei() {
    return calls.gasCostWei();
  }

  private TransactionReceipt send(String what, L1Calls.Call<TransactionReceipt> call) {
    return calls.send(what, call);
  }

  private static <T> T read(L1Calls.Call<T> call) {
    return L1Calls.read(call);
  }
}
