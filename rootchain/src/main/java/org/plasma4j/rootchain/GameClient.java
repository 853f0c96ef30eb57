package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * What every exit-game client shares: the sender's key, the game's address, the framework it
 * belongs to (read once from the game), the framework's {@code commitChallenge} that binds a
 * challenge to its sender before the reveal, and the running gas total of everything the client
 * sent.
 */
public abstract class GameClient {

  protected final Web3j web3j;
  protected final Credentials key;
  protected final Address game;
  protected final long chainId;
  protected final L1Calls calls = new L1Calls();
  private volatile Address framework;

  GameClient(Web3j web3j, Credentials key, Address game) {
    this.web3j = web3j;
    this.key = key;
    this.game = game;
    this.chainId = L1Calls.read(() -> web3j.ethChainId().send().getChainId().longValueExact());
  }

  /** The game's {@code framework()} view. */
  protected abstract String readFramework() throws Exception;

  public Address address() {
    return Address.fromHex(key.getAddress());
  }

  public Address gameAddress() {
    return game;
  }

  public Address frameworkAddress() {
    if (framework == null) {
      framework = Address.fromHex(L1Calls.read(this::readFramework));
    }
    return framework;
  }

  protected TransactionManager signer() {
    return Contracts.signer(web3j, key, chainId);
  }

  protected ContractGasProvider gas() {
    return Contracts.gas(web3j, chainId, Contracts.CALL_GAS_LIMIT);
  }

  protected PlasmaFramework framework() {
    return PlasmaFramework.load(frameworkAddress().toHex(), web3j, signer(), gas());
  }

  /** The first half of every challenge and response: {@code framework.commitChallenge(c)}. */
  public TransactionReceipt commit(Bytes32 commitment) {
    return calls.send(
        "commitChallenge", () -> framework().commitChallenge(commitment.value()).send());
  }

  /** Wei this client has paid in gas so far (reverted transactions too). */
  public BigInteger gasCostWei() {
    return calls.gasCostWei();
  }
}
