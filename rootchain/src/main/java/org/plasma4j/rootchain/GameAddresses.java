package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;

/** The UTXO exit games a framework has registered ({@code exitGame(kind)}). */
public record GameAddresses(Address inFlightExitGame, Address massExitGame) {

  /** The framework's registry kind of the cash game (docs/protocol.md 9.5). */
  static final BigInteger EXIT_KIND_CASH = BigInteger.valueOf(3);

  public static GameAddresses of(org.web3j.protocol.Web3j web3j, Address framework) {
    PlasmaFramework reader = Contracts.readOnly(web3j, framework);
    try {
      Address ife = Address.fromHex(reader.exitGame(BigInteger.ONE).send());
      Address mass = Address.fromHex(reader.exitGame(BigInteger.TWO).send());
      if (ife.isZero() || mass.isZero()) {
        throw new Web3jRootChain.RootChainException(
            "the framework at " + framework + " has no exit games registered", null);
      }
      return new GameAddresses(ife, mass);
    } catch (Web3jRootChain.RootChainException e) {
      throw e;
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException("cannot read the exit games of " + framework, e);
    }
  }

  /** The cash exit game {@code framework} registered; fails if none is. */
  public static Address cashGameOf(org.web3j.protocol.Web3j web3j, Address framework) {
    Address game = Address.fromHex(L1Calls.read(
        () -> Contracts.readOnly(web3j, framework).exitGame(EXIT_KIND_CASH).send()));
    if (game.isZero()) {
      throw new Web3jRootChain.RootChainException(
          "the framework at " + framework + " has no cash game", null);
    }
    return game;
  }
}
