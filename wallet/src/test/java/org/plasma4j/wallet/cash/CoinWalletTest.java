package org.plasma4j.wallet.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.wallet.OperatorClient;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletException.CoinRejected;
import org.plasma4j.wallet.WalletException.CoinUnavailable;
import org.plasma4j.wallet.WalletKey;

class CoinWalletTest {

  private static final Domain DOMAIN = new Domain(31337, Address.fromHex("0x" + "f0".repeat(20)));
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

  @TempDir
  Path root;

  private final FakeCashNet net = new FakeCashNet();
  private final WalletKey aliceKey = WalletKey.fromHex(DevAccounts.privateKey(2));
  private final WalletKey bobKey = WalletKey.fromHex(DevAccounts.privateKey(3));
  private final WalletKey carolKey = WalletKey.fromHex(DevAccounts.privateKey(4));
  private final WalletKey malloryKey = WalletKey.fromHex(DevAccounts.privateKey(5));
  private CoinWallet alice;
  private CoinWallet bob;
  private CoinWallet carol;

  @BeforeEach
  void wallets() {
    alice = wallet(aliceKey);
    bob = wallet(bobKey);
    carol = wallet(carolKey);
  }

  private CoinWallet wallet(WalletKey key) {
    return new CoinWallet(key, () -> DOMAIN, net.operator(), net.chainFor(key.address()), root);
  }

  @Test
  void aDepositIsKeptWithAnEmptyHistoryFromItsOrigin() {
    net.formBlock();
    CoinWallet.OwnedCoin c = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH);
    assertEquals(1999, c.origin().block());
    assertEquals(aliceKey.address(), c.origin().owner());
    assertEquals(List.of(c.stored()), new CoinStore(alice.store().directory()).all());
    assertTrue(c.history().entries().isEmpty());
  }

  @Test
  void syncStoresVerifiedExclusionsAndEmptyBlocks() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    long other = bob.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.formBlock();
    net.include(bobKey.signCoinTransfer(new CoinTransfer(other, 999, carolKey.address()), DOMAIN));
    CoinWallet.SyncResult r = alice.sync(slot);
    assertTrue(r.owned());
    assertEquals(2000, r.syncedTo());
    assertEquals(2, r.newBlocks());
    CoinHistory stored = alice.coin(slot).history();
    assertTrue(stored.entries().get(0) instanceof CoinHistory.Empty);
    assertTrue(stored.entries().get(1) instanceof CoinHistory.Excluded);
    assertEquals(
        List.of(new CoinWallet.HistoryLine(2000, "excluded", Optional.empty(), 8 + 32)),
        alice.history(slot));
  }

  @Test
  void aCoinTravelsAliceBobCarolThroughBundlesEachVerifiedBeforeAccepted() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.formBlock();
    CoinWallet.Sent toBob = alice.sendCoin(slot, bobKey.address(), WAIT);
    assertEquals(2000, toBob.block());
    assertTrue(Files.exists(toBob.bundle()));
    assertTrue(alice.coins().isEmpty(), "the sender keeps only its own coins");
    assertTrue(bob.coins().isEmpty(), "nothing is stored before the bundle is verified");

    List<CoinWallet.Received> received = bob.receive();
    assertEquals(1, received.size());
    assertTrue(received.get(0).accepted(), received.get(0).message());
    assertFalse(Files.exists(toBob.bundle()));
    CoinWallet.OwnedCoin atBob = bob.coin(slot);
    assertEquals(2000, atBob.stored().coinBlock());

    net.formBlock();
    CoinWallet.Sent toCarol = bob.sendCoin(slot, carolKey.address(), WAIT);
    assertEquals(4000, toCarol.block());
    assertTrue(carol.receive().get(0).accepted());
    assertEquals(2, carol.coin(slot).history().transfers().size());
    assertEquals(
        List.of(999L, 2000L),
        carol.coin(slot).history().transfers().stream()
            .map(t -> t.transfer().transfer().prevBlock())
            .toList());
  }

  @Test
  void aTransferSignedByAnyoneButTheOwnerIsRejectedAndNotStored() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    SignedCoinTransfer forged =
        malloryKey.signCoinTransfer(new CoinTransfer(slot, 999, bobKey.address()), DOMAIN);
    long blk = net.include(forged);
    assertRejected(bob, bundle(slot, forged, blk), "NOT_OWNER");
  }

  @Test
  void aTransferThatDoesNotSpendTheLatestOneIsRejected() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    assertTrue(bob.receive().get(0).accepted());
    // Bob signs a transfer that points at the deposit, not at his own receipt: a replay across
    // periods
    SignedCoinTransfer stale =
        bobKey.signCoinTransfer(new CoinTransfer(slot, 999, carolKey.address()), DOMAIN);
    long blk = net.include(stale);
    assertRejected(carol, bundle(slot, stale, blk), "WRONG_PREV_BLOCK");
  }

  @Test
  void aHistoryWithABlockLeftOutIsRejected() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.formBlock();
    SignedCoinTransfer t =
        aliceKey.signCoinTransfer(new CoinTransfer(slot, 999, bobKey.address()), DOMAIN);
    CoinBundle full = bundle(slot, t, net.include(t));
    CoinHistory h = CoinHistoryCodec.decode(full.history().toArray());
    CoinHistory withoutFirst =
        new CoinHistory(slot, h.entries().subList(1, h.entries().size()));
    assertRejected(bob, withHistory(full, withoutFirst), "MISSING_BLOCK");
  }

  @Test
  void anExclusionProofThatDoesNotRecomputeTheCoinRootIsRejected() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    long other = carol.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.include(carolKey.signCoinTransfer(new CoinTransfer(other, 999, bobKey.address()), DOMAIN));
    SignedCoinTransfer t =
        aliceKey.signCoinTransfer(new CoinTransfer(slot, 999, bobKey.address()), DOMAIN);
    CoinBundle full = bundle(slot, t, net.include(t));
    CoinHistory h = CoinHistoryCodec.decode(full.history().toArray());
    List<CoinHistory.Entry> entries = new ArrayList<>(h.entries());
    byte[] proof = ((CoinHistory.Excluded) entries.get(0)).proof().toArray();
    proof[proof.length - 1] ^= 1;
    entries.set(0, new CoinHistory.Excluded(1000, Bytes.wrap(proof)));
    assertRejected(bob, withHistory(full, new CoinHistory(slot, entries)), "ROOT_MISMATCH");
  }

  @Test
  void aBundleForAnotherReceiverIsRejected() {
    assertRejected(carol, aliceToBob(), "NOT_TO_US");
  }

  @Test
  void aBundleForACoinThatDoesNotExistIsRejected() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    CoinBundle unknown = new CoinBundle(
        77,
        b.token(),
        b.kind(),
        b.value(),
        b.originBlock(),
        b.originOwner(),
        b.signedTransfer(),
        b.transferBlock(),
        b.history());
    assertRejected(bob, unknown, "UNKNOWN_COIN");
  }

  @Test
  void aBundleThatInflatesTheCoinIsRejected() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    assertRejected(
        bob,
        new CoinBundle(
            slot,
            b.token(),
            b.kind(),
            b.value().add(BigInteger.ONE),
            b.originBlock(),
            b.originOwner(),
            b.signedTransfer(),
            b.transferBlock(),
            b.history()),
        "WRONG_COIN");
  }

  @Test
  void aBundleForAnExitingCoinIsRejected() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    net.chainFor(aliceKey.address()).startExit(slot, CoinClaimArgs.origin(999));
    assertRejected(bob, b, "COIN_EXITING");
  }

  @Test
  void aGarbledBundleFileIsRejectedAndRemoved() throws Exception {
    Path f = bob.inbox().directory().resolve("coin-0-1000.bundle");
    Files.createDirectories(f.getParent());
    Files.write(f, new byte[] {1, 2, 3});
    List<CoinWallet.Received> r = bob.receive();
    assertEquals("MALFORMED", r.get(0).reason());
    assertFalse(Files.exists(f));
    assertTrue(bob.coins().isEmpty());
  }

  @Test
  void aBundleWhoseBlockIsNotCommittedYetWaitsInTheInbox() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    CoinBundle ahead = new CoinBundle(
        slot,
        b.token(),
        b.kind(),
        b.value(),
        b.originBlock(),
        b.originOwner(),
        b.signedTransfer(),
        9000,
        b.history());
    Path f = bob.inbox().deliver(ahead);
    assertEquals("NOT_YET_COMMITTED", bob.receive().get(0).reason());
    assertTrue(Files.exists(f));
    assertTrue(bob.coins().isEmpty());
  }

  @Test
  void syncRejectsProofsOfTheWrongDepthAndStoresNothing() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    long other = carol.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    StoredCoin before = alice.coin(slot).stored();
    net.include(carolKey.signCoinTransfer(new CoinTransfer(other, 999, bobKey.address()), DOMAIN));
    net.tamper = entries -> entries.stream()
        .map(e -> e.proof().isEmpty()
            ? e
            : new CoinOperator.ProofEntry(
                e.blkNum(),
                e.kind(),
                e.tx(),
                Optional.of(Bytes.wrap(java.util.Arrays.copyOf(
                    e.proof().get().toArray(), e.proof().get().length() - 1)))))
        .toList();
    CoinRejected e = assertThrows(CoinRejected.class, () -> alice.sync(slot));
    assertEquals("BAD_PROOF_LENGTH", e.reason());
    assertEquals(before, alice.coin(slot).stored());
  }

  @Test
  void syncRejectsAProofForAnotherSlot() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    long other = carol.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    SignedCoinTransfer t =
        carolKey.signCoinTransfer(new CoinTransfer(other, 999, bobKey.address()), DOMAIN);
    net.include(t);
    // the operator passes the other coin's transfer off as ours
    net.tamper = entries -> entries.stream()
        .map(e -> new CoinOperator.ProofEntry(
            e.blkNum(), "included", Optional.of(Bytes.wrap(t.encode())), e.proof()))
        .toList();
    CoinRejected e = assertThrows(CoinRejected.class, () -> alice.sync(slot));
    assertEquals("WRONG_SLOT", e.reason());
    assertEquals(999, alice.coin(slot).stored().syncedTo());
  }

  @Test
  void sendingACoinThatDoesNotExistOrIsExitingIsRefusedBeforeTheOperatorSeesIt() {
    assertThrows(CoinUnavailable.class, () -> alice.sendCoin(42, bobKey.address(), WAIT));
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.exitCoin(slot);
    CoinUnavailable e =
        assertThrows(CoinUnavailable.class, () -> alice.sendCoin(slot, bobKey.address(), WAIT));
    assertTrue(e.getMessage().contains("exiting"), e.getMessage());
    assertTrue(net.sent.isEmpty());
  }

  @Test
  void aTransferRightAfterTheDepositWaitsUntilTheOperatorHasCreditedIt() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.uncreditedAnswers = 2;
    assertEquals(1000, alice.sendCoin(slot, bobKey.address(), WAIT).block());
    assertEquals(3, net.getCoinCalls);
    assertEquals(1, net.sent.size());
  }

  @Test
  void anExitClaimsTheLastTwoTransfers() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    bob.receive();
    bob.sendCoin(slot, carolKey.address(), WAIT);
    carol.receive();
    carol.exitCoin(slot);
    CoinClaimArgs claim = net.exitClaim(slot, carolKey.address());
    assertEquals(2000, claim.exitBlock());
    assertEquals(
        new CoinTransfer(slot, 999, bobKey.address()),
        CoinTransfer.decode(claim.prevTx().toArray()));
    assertEquals(
        new CoinTransfer(slot, 1000, carolKey.address()),
        CoinTransfer.decode(claim.exitTx().toArray()));
    carol.finalizeExit(slot);
    carol.withdraw(slot);
    assertTrue(carol.coins().isEmpty());
  }

  @Test
  void whenTheOperatorTaintsTheCoinsNewerHistoryTheExitUsesTheHistoryVerifiedBefore() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    bob.receive();
    // the operator slips a transfer Bob never signed into block 2000
    net.include(
        aliceKey.signCoinTransfer(new CoinTransfer(slot, 1000, carolKey.address()), DOMAIN));
    CoinRejected rejected = assertThrows(CoinRejected.class, () -> bob.sync(slot));
    assertEquals("NOT_OWNER", rejected.reason());

    bob.exitCoin(slot);
    CoinClaimArgs claim = net.exitClaim(slot, bobKey.address());
    assertEquals(1000, claim.exitBlock(), "the last transfer Bob verified");
    assertEquals(
        new CoinTransfer(slot, 999, bobKey.address()),
        CoinTransfer.decode(claim.exitTx().toArray()));
    assertEquals(
        1000, bob.coin(slot).stored().syncedTo(), "nothing of the tainted block was stored");
  }

  @Test
  void aFinalizedCheckpointMovesTheOriginAndDropsTheHistoryBeforeIt() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.formBlock();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    bob.receive();
    net.formBlock();
    net.formBlock();
    bob.sync(slot);
    assertEquals(4, bob.coin(slot).history().entries().size());
    bob.checkpoint(slot);
    bob.finalizeCheckpoint(slot);
    CoinWallet.OwnedCoin c = bob.coin(slot);
    assertEquals(2000, c.origin().block());
    assertEquals(bobKey.address(), c.origin().owner());
    assertEquals(
        List.of(3000L, 4000L),
        c.history().entries().stream().map(CoinHistory.Entry::block).toList());
    assertThrows(
        org.plasma4j.wallet.WalletException.InvalidInput.class, () -> bob.checkpoint(slot));
  }

  // ---------------------------------------------------------------- what came after the transfer

  @Test
  void aDoubleSpendIncludedAfterTheTransferAndCheckpointedByAnAccompliceIsRejected() {
    long slot = mallory().depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    SignedCoinTransfer toCarol =
        malloryKey.signCoinTransfer(new CoinTransfer(slot, 999, carolKey.address()), DOMAIN);
    long sold = net.include(toCarol);
    CoinBundle bundle = bundle(slot, toCarol, sold);
    // the operator includes mallory's second spend of the same state; her accomplice (bob here)
    // checkpoints it
    SignedCoinTransfer second =
        malloryKey.signCoinTransfer(new CoinTransfer(slot, 999, bobKey.address()), DOMAIN);
    long doubleSpent = net.include(second);
    net.chainFor(bobKey.address()).startCheckpoint(slot, claimOf(second, doubleSpent));
    assertEquals(doubleSpent, net.checkpointOf(slot, bobKey.address()).exitBlock());
    // the bundle itself verifies through block 1000; the history through the last committed block
    // does not
    CoinRejected e = assertRejected(carol, bundle, "WRONG_PREV_BLOCK");
    assertTrue(e.getMessage().contains("block " + doubleSpent), e.getMessage());
  }

  @Test
  void aPendingCheckpointOfAStateTheVerifiedHistoryDoesNotHoldIsRefused() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    net.formBlock();
    // a checkpoint on chain claiming the coin went to mallory in bob's block
    net.file(
        slot,
        true,
        new CashChain.PendingClaim(
            malloryKey.address(), aliceKey.address(), 999, b.transferBlock(), 100, 0));
    assertRejected(bob, b, "UNSUPPORTED_CLAIM");
    // and one claiming a transfer in a block where the coin did not move
    net.file(
        slot,
        true,
        new CashChain.PendingClaim(
            malloryKey.address(),
            bobKey.address(),
            b.transferBlock(),
            b.transferBlock() + 1000,
            100,
            0));
    assertRejected(bob, b, "UNSUPPORTED_CLAIM");
  }

  @Test
  void aPendingCheckpointOfAStateTheHistoryHoldsDoesNotStopTheTransfer() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    assertTrue(bob.receive().get(0).accepted());
    bob.checkpoint(slot);
    assertTrue(net.checkpointOf(slot, bobKey.address()).exists());
    bob.sendCoin(slot, carolKey.address(), WAIT);
    List<CoinWallet.Received> r = carol.receive();
    assertTrue(r.get(0).accepted(), r.get(0).message());
    assertEquals(2000, carol.coin(slot).stored().coinBlock());
  }

  // ---------------------------------------------------------------- every owner's claims, side by
  // side

  @Test
  void aStrangersPendingExitIsRefusedThoughTheReceiverAndSenderHaveNone() {
    CoinBundle b = aliceToBob();
    long slot = b.slot();
    net.chainFor(malloryKey.address()).startExit(slot, CoinClaimArgs.origin(999));
    CashChain bobsView = net.chainFor(bobKey.address());
    assertFalse(bobsView.exitOf(slot).exists(), "the receiver's own exit: none");
    assertFalse(
        net.chainFor(aliceKey.address()).exitOf(slot).exists(), "the sender's own exit: none");
    assertEquals(
        List.of(malloryKey.address()),
        bobsView.pendingClaims(slot).stream().map(c -> c.claim().owner()).toList());
    CoinRejected e = assertRejected(bob, b, "COIN_EXITING");
    assertTrue(e.getMessage().contains("exiting"), e.getMessage());
  }

  @Test
  void
      anAccomplicesCheckpointOfAStateTheHistoryDoesNotHoldIsRefusedBesideTheReceiversSupportedOne() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    assertTrue(bob.receive().get(0).accepted());
    bob.checkpoint(slot); // bob's own, of a state the history holds
    bob.sendCoin(slot, carolKey.address(), WAIT);
    // the accomplice's checkpoint claims the coin went to it, not to bob, in block 1000
    net.file(
        slot,
        true,
        new CashChain.PendingClaim(malloryKey.address(), aliceKey.address(), 999, 1000, 100, 0));
    assertFalse(
        net.chainFor(carolKey.address()).checkpointOf(slot).exists(), "carol has none of her own");

    List<CoinWallet.Received> r = carol.receive();

    assertEquals("UNSUPPORTED_CLAIM", r.get(0).reason(), r.get(0).message());
    assertTrue(
        r.get(0).message().contains(malloryKey.address().toString()), r.get(0).message());
    assertTrue(carol.coins().isEmpty());
    assertTrue(carol.inbox().pending().isEmpty(), "a refused bundle leaves the inbox");
  }

  @Test
  void supportedCheckpointsOfSeveralOwnersLetTheCoinThrough() {
    WalletKey daveKey = WalletKey.fromHex(DevAccounts.privateKey(6));
    CoinWallet dave = wallet(daveKey);
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    assertTrue(bob.receive().get(0).accepted());
    bob.checkpoint(slot);
    bob.sendCoin(slot, carolKey.address(), WAIT);
    assertTrue(carol.receive().get(0).accepted());
    carol.checkpoint(slot);
    carol.sendCoin(slot, daveKey.address(), WAIT);
    assertEquals(
        2,
        net.chainFor(daveKey.address()).pendingClaims(slot).size(),
        "bob's and carol's, side by side");

    List<CoinWallet.Received> r = dave.receive();

    assertTrue(r.get(0).accepted(), r.get(0).message());
    assertEquals(3000, dave.coin(slot).stored().coinBlock());
  }

  @Test
  void aBundleWaitsInTheInboxWhileThePendingClaimsCannotAllBeNamed() {
    CoinBundle b = aliceToBob();
    net.claimsUnknown = true;
    Path f = bob.inbox().deliver(b);

    List<CoinWallet.Received> r = bob.receive();

    assertEquals("CLAIMS_UNKNOWN", r.get(0).reason(), r.get(0).message());
    assertFalse(r.get(0).accepted());
    assertTrue(Files.exists(f), "kept for a later try");
    assertTrue(bob.coins().isEmpty());
    net.claimsUnknown = false;
    assertTrue(bob.receive().get(0).accepted());
  }

  @Test
  void theOwnerExitsBesideAStrangersPendingExit() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    net.chainFor(malloryKey.address()).startExit(slot, CoinClaimArgs.origin(999));
    alice.exitCoin(slot);
    assertTrue(net.exitOf(slot, aliceKey.address()).exists());
    assertTrue(net.exitOf(slot, malloryKey.address()).exists());
    assertEquals(2, net.chainFor(carolKey.address()).pendingClaims(slot).size());
  }

  @Test
  void anOldBundleDeliveredAgainAfterTheReceiverSpentTheCoinIsRejectedAndNotListed()
      throws Exception {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    CoinWallet.Sent toBob = alice.sendCoin(slot, bobKey.address(), WAIT);
    byte[] old = Files.readAllBytes(toBob.bundle());
    assertTrue(bob.receive().get(0).accepted());
    bob.sendCoin(slot, carolKey.address(), WAIT);
    assertTrue(bob.coins().isEmpty());

    CoinRejected e = assertRejected(bob, CoinBundle.decode(old), "MOVED_ON");
    assertTrue(e.getMessage().contains("belongs to " + carolKey.address()), e.getMessage());
  }

  @Test
  void aBundleWhoseHistoryClaimsMoreBlocksThanTheChainHasIsRefusedBeforeDecoding() {
    CoinBundle b = aliceToBob();
    // 14 bytes claiming 2^25 empty blocks from block 1000: a few bytes that would expand to
    // millions of entries
    byte[] bomb = {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10};
    bomb[8] = (byte) b.slot();
    assertRejected(
        bob,
        new CoinBundle(
            b.slot(),
            b.token(),
            b.kind(),
            b.value(),
            b.originBlock(),
            b.originOwner(),
            b.signedTransfer(),
            b.transferBlock(),
            Bytes.wrap(bomb)),
        "HISTORY_TOO_LONG");
  }

  @Test
  void anOversizedBundleFileIsRefusedUnreadAndRemoved() throws Exception {
    Path f = bob.inbox().directory().resolve("coin-0-1000.bundle");
    Files.createDirectories(f.getParent());
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(CoinWallet.MAX_BUNDLE_BYTES + 1); // sparse: nothing is written
    }
    List<CoinWallet.Received> r = bob.receive();
    assertEquals("BUNDLE_TOO_LARGE", r.get(0).reason(), r.get(0).message());
    assertFalse(Files.exists(f));
    assertTrue(bob.coins().isEmpty());
  }

  @Test
  void aBundleWhoseLaterBlocksTheOperatorDoesNotServeWaitsInTheInbox() {
    CoinBundle b = aliceToBob();
    net.formBlock();
    net.tamper = entries -> {
      throw new org.plasma4j.wallet.WalletException.OperatorError(-32022, "unknown block");
    };
    Path f = bob.inbox().deliver(b);
    List<CoinWallet.Received> r = bob.receive();
    assertEquals("HISTORY_UNAVAILABLE", r.get(0).reason(), r.get(0).message());
    assertFalse(r.get(0).accepted());
    assertTrue(Files.exists(f));
    assertTrue(bob.coins().isEmpty());
    net.tamper = entries -> entries;
    assertTrue(bob.receive().get(0).accepted());
  }

  // ---------------------------------------------------------------- the EIP-712 domain

  @Test
  void anOperatorNamingAnotherChainIdOrFrameworkIsRefusedBeforeAnythingIsSignedOrAccepted() {
    net.domain = DOMAIN;
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    alice.sendCoin(slot, bobKey.address(), WAIT);
    for (OperatorClient.ChainInfo lie : List.of(
        chainInfo(1, DOMAIN.verifyingContract()),
        chainInfo(DOMAIN.chainId(), malloryKey.address()))) {
      CoinWallet lied = new CoinWallet(
          bobKey,
          CoinWallet.checkedDomain(net.chainFor(bobKey.address()), () -> lie),
          net.operator(),
          net.chainFor(bobKey.address()),
          root);
      WalletException.DomainMismatch e =
          assertThrows(WalletException.DomainMismatch.class, lied::receive);
      assertEquals(lie.chainId() == 1 ? "OPERATOR_CHAIN_ID" : "OPERATOR_FRAMEWORK", e.reason());
      assertTrue(lied.coins().isEmpty(), "nothing accepted");
      assertEquals(1, lied.inbox().pending().size(), "the bundle is kept for an honest operator");
    }
    CoinWallet aliceLied = new CoinWallet(
        aliceKey,
        CoinWallet.checkedDomain(
            net.chainFor(aliceKey.address()), () -> chainInfo(1, DOMAIN.verifyingContract())),
        net.operator(),
        net.chainFor(aliceKey.address()),
        root);
    long other = aliceLied.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    int sent = net.sent.size();
    assertThrows(
        WalletException.DomainMismatch.class,
        () -> aliceLied.sendCoin(other, carolKey.address(), WAIT));
    assertEquals(sent, net.sent.size(), "nothing signed reached the operator");

    CoinWallet honest = new CoinWallet(
        bobKey,
        CoinWallet.checkedDomain(
            net.chainFor(bobKey.address()),
            () -> chainInfo(DOMAIN.chainId(), DOMAIN.verifyingContract())),
        net.operator(),
        net.chainFor(bobKey.address()),
        root);
    assertTrue(honest.receive().get(0).accepted());
  }

  @Test
  void aTransferSignedUnderTheOperatorsFalseDomainIsRejectedUnderTheRootChainsDomain() {
    long slot = mallory().depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    // mallory signs for the chain id a lying operator announces; the operator includes it unchecked
    Domain lie = new Domain(1, DOMAIN.verifyingContract());
    SignedCoinTransfer t =
        malloryKey.signCoinTransfer(new CoinTransfer(slot, 999, carolKey.address()), lie);
    assertEquals(Optional.of(malloryKey.address()), t.signer(lie));
    assertRejected(carol, bundle(slot, t, net.include(t)), "NOT_OWNER");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Alice deposits a coin (origin 999 when no block is formed yet) and transfers it to Bob; Bob's
   * bundle.
   */
  private CoinBundle aliceToBob() {
    long slot = alice.depositCoin(CoinKind.ETH, Address.ETH, ONE_ETH).slot();
    CashChain.OnChainCoin c = net.coins.get(slot);
    SignedCoinTransfer t = aliceKey.signCoinTransfer(
        new CoinTransfer(slot, c.originBlock(), bobKey.address()), DOMAIN);
    return bundle(slot, t, net.include(t));
  }

  private CoinWallet mallory() {
    return wallet(malloryKey);
  }

  private static OperatorClient.ChainInfo chainInfo(long chainId, Address framework) {
    return new OperatorClient.ChainInfo(chainId, framework, Address.ZERO, Address.ZERO, 1000);
  }

  /** The claim of a first spend after the origin: {@code t} included at {@code blk}. */
  private CoinClaimArgs claimOf(SignedCoinTransfer t, long blk) {
    Bytes proof =
        CoinTree.ofTransfers(net.blocks.get(blk).values()).proof(t.slot()).toBytes();
    return new CoinClaimArgs(
        Bytes.EMPTY,
        Bytes.EMPTY,
        Bytes.wrap(t.transfer().encode()),
        t.signature().bytes(),
        proof,
        blk);
  }

  private CoinRejected assertRejected(CoinWallet receiver, CoinBundle bundle, String reason) {
    Path file = receiver.inbox().deliver(bundle);
    List<CoinWallet.Received> r = receiver.receive();
    assertEquals(1, r.size());
    assertFalse(r.get(0).accepted());
    assertEquals(reason, r.get(0).reason(), r.get(0).message());
    assertTrue(receiver.coins().isEmpty(), "a rejected coin is stored nowhere");
    assertFalse(Files.exists(file), "a rejected bundle leaves the inbox");
    CoinRejected e = assertThrows(CoinRejected.class, () -> receiver.accept(bundle));
    assertEquals(reason, e.reason());
    assertTrue(receiver.coins().isEmpty(), "a rejected coin is stored nowhere");
    return e;
  }

  /**
   * The bundle an honest sender would write for {@code t} at {@code blk}, from the operator's
   * proofs.
   */
  private CoinBundle bundle(long slot, SignedCoinTransfer t, long blk) {
    CashChain.OnChainCoin c = net.coins.get(slot);
    long first = org.plasma4j.core.types.BlockNumbers.nextChildBlock(c.originBlock());
    List<CoinHistory.Entry> entries = net.operator().getCoinProofs(slot, first, blk).stream()
        .map(ChainHistoryCheck::entry)
        .toList();
    return new CoinBundle(
        slot,
        c.token(),
        c.kind(),
        c.value(),
        c.originBlock(),
        c.originOwner(),
        Bytes.wrap(t.encode()),
        blk,
        Bytes.wrap(CoinHistoryCodec.encode(new CoinHistory(slot, entries))));
  }

  private static CoinBundle withHistory(CoinBundle b, CoinHistory h) {
    return new CoinBundle(
        b.slot(),
        b.token(),
        b.kind(),
        b.value(),
        b.originBlock(),
        b.originOwner(),
        b.signedTransfer(),
        b.transferBlock(),
        Bytes.wrap(CoinHistoryCodec.encode(h)));
  }
}
