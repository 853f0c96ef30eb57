package org.plasma4j.devnet.attacks.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.CAROL;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.cash.CashAttackHarness.MALLORY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.attacks.BalanceBook;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.cash.CoinWallet;

/**
 * Cash attack f: a lying operator announces another EIP-712 domain. It tells wallets the chain id
 * is 1 (then, that the framework is another address); Mallory signs her transfer to Carol under the
 * announced domain, the operator includes it unchecked, and Mallory hands Carol the bundle. A
 * wallet that took its domain from the operator would verify the transfer and accept the coin,
 * though the signature is void on the root chain: Carol's exit and challenges would revert
 * {@code SignerNotOwner} and Mallory would exit the coin. Defence: Carol's light client, built as
 * {@code plasma wallet} builds it, takes the chain id from the root-chain node and the pinned
 * framework, checks them against the framework's domainSeparator() on chain, and judges nothing
 * while the operator names another domain ({@code DomainMismatch}; the bundles wait). Once the
 * operator tells the truth, the bundles are judged under the root chain's domain, where the
 * transfers are not Mallory's ({@code NOT_OWNER}): refused, nothing stored. Mallory exits her coin,
 * as she may; Carol's L1 balance is whole to the wei.
 */
class CashAttackGLyingChainInfoIT extends CashAttackTest {

  @Test
  void theReceiverRefusesATransferSignedForTheDomainALyingOperatorAnnounces() throws Exception {
    BalanceBook book = h.book(CAROL);
    long slot = depositEthCoin(MALLORY, ETHER);
    long origin = originBlock(slot);
    Address framework = h.devnet().framework();
    CoinWallet carol = h.connectedCoins(CAROL);

    Map<Domain, String> lies = Map.of(
        new Domain(1, framework), "OPERATOR_CHAIN_ID",
        new Domain(AnvilNode.CHAIN_ID, address(MALLORY)), "OPERATOR_FRAMEWORK");
    List<Path> waiting = new ArrayList<>();
    for (Map.Entry<Domain, String> lie : lies.entrySet()) {
      Domain announced = lie.getKey();
      h.hostility().misreportChain(announced.chainId(), announced.verifyingContract());
      // mallory signs for the announced domain; the operator includes the transfer without checking
      // it
      SignedCoinTransfer toCarol = SignedCoinTransfer.sign(
          new CoinTransfer(slot, origin, address(CAROL)),
          PrivateKey.fromHex(DevAccounts.privateKey(MALLORY)),
          announced);
      assertThat(toCarol.signer(announced)).contains(address(MALLORY));
      assertThat(toCarol.signer(new Domain(AnvilNode.CHAIN_ID, framework)))
          .isNotEqualTo(java.util.Optional.of(address(MALLORY)));
      h.hostility().injectCoin(toCarol);
      long blk = h.nextBlock().blkNum();
      assertThat(h.included(slot, blk).transfer()).isEqualTo(toCarol);
      waiting.add(carol.inbox().deliver(h.bundle(slot, toCarol, blk)));

      assertThatThrownBy(carol::receive)
          .isInstanceOfSatisfying(
              WalletException.DomainMismatch.class,
              e -> assertThat(e.reason()).isEqualTo(lie.getValue()));
      assertThat(carol.coins()).as("nothing accepted").isEmpty();
      assertThat(carol.inbox().pending())
          .as("the bundles wait for an operator that tells the truth")
          .containsExactlyInAnyOrderElementsOf(waiting);
    }

    // told the truth, carol's wallet judges the bundles under the root chain's domain: not
    // mallory's transfers
    h.hostility().stopMisreportingChain();
    List<CoinWallet.Received> judged = carol.receive();
    assertThat(judged).hasSize(2).allSatisfy(r -> {
      assertThat(r.accepted()).isFalse();
      assertThat(r.reason()).isEqualTo("NOT_OWNER");
    });
    assertThat(carol.coins()).isEmpty();
    assertThat(waiting).noneMatch(Files::exists);

    // the void transfers cannot stop the payer: mallory exits the coin from its origin and
    // withdraws it
    CashGameClient mallory = h.l1(MALLORY);
    mallory.startExit(slot, CoinClaimArgs.origin(origin));
    h.timePasses(CashAttackHarness.MIN_EXIT_PERIOD + 1);
    mallory.finalizeExit(slot);
    mallory.withdraw(slot);
    assertThat(mallory.coin(slot).state()).as("withdrawn").isEqualTo(3);
    assertThat(h.events().events(0, h.l1Head(), CashGameEvents.CoinWithdrawn.class))
        .singleElement()
        .satisfies(w -> assertThat(w.owner()).isEqualTo(address(MALLORY)));

    book.assertAllWhole();
  }
}
