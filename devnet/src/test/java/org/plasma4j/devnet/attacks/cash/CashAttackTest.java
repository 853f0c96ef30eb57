package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.types.Address;

/**
 * Every Plasma Cash attack test runs in a fresh {@link CashAttackHarness}: its own anvil, contracts
 * and operator.
 */
abstract class CashAttackTest {

  protected CashAttackHarness h;

  @BeforeEach
  void startHarness() {
    h = new CashAttackHarness();
  }

  @AfterEach
  void stopHarness() {
    if (h != null) {
      h.close();
    }
  }

  static Address address(int account) {
    return CashAttackHarness.address(account);
  }

  BigInteger exitBond() {
    return h.l1(CashAttackHarness.ALICE).coinExitBond();
  }

  BigInteger challengeBond() {
    return h.l1(CashAttackHarness.ALICE).challengeBond();
  }

  /**
   * {@code account} deposits {@code wei} as an ETH coin through its light client; the operator
   * credits it.
   */
  long depositEthCoin(int account, BigInteger wei) {
    long slot = h.coins(account).depositCoin(CoinKind.ETH, Address.ETH, wei).slot();
    if (h.booked(account)) {
      h.book().debit(address(account), "ETH coin deposit", wei);
    }
    h.operatorPolls();
    return slot;
  }

  /**
   * {@code account} deposits NFT {@code tokenId} (minted to it) as an ERC721 coin; the operator
   * credits it.
   */
  long depositNftCoin(int account, BigInteger tokenId) {
    h.mintNft(account, tokenId);
    long slot = h.coins(account).depositCoin(CoinKind.ERC721, h.nft(), tokenId).slot();
    assertThat(h.nftOwner(tokenId)).isEqualTo(h.l1(account).gameAddress());
    h.operatorPolls();
    return slot;
  }

  long originBlock(long slot) {
    return h.l1(CashAttackHarness.ALICE).coin(slot).originBlock();
  }

  /**
   * The coin watch of {@code account} pulls every bond credited to it after each step: nothing may
   * be left in the game, and the book, which checks the balance to the wei, is owed
   * {@code expected}.
   */
  void bondsPulledByTheWatch(int account, BigInteger expected, String why) {
    assertThat(h.l1(account).bonds(address(account)))
        .as("bonds left in the game for %s: %s", CashAttackHarness.name(account), why)
        .isZero();
    h.book().credit(address(account), "bonds pulled by the coin watch: " + why, expected);
  }
}
