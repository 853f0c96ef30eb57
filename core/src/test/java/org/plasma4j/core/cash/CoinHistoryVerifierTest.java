package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.cash.TestChain.sign;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistory.Excluded;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.cash.HistoryVerdict.Rejected;
import org.plasma4j.core.cash.HistoryVerdict.Valid;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Bytes;

class CoinHistoryVerifierTest {
  private static final long SLOT = 77;
  private static final KeyPair A = DevKeys.ACCOUNT_0;
  private static final KeyPair B = DevKeys.ACCOUNT_1;
  private static final KeyPair C = DevKeys.ACCOUNT_2;
  /** Deposited by A before the first child block. */
  private static final CoinOrigin ORIGIN = new CoinOrigin(999, A.address());

  private TestChain chain;
  private CoinHistoryVerifier verifier;

  @BeforeEach
  void setUp() {
    chain = new TestChain();
    verifier = new CoinHistoryVerifier(DOMAIN, chain);
  }

  /** 1000 busy, 2000 A→B, 3000 empty, 4000 busy (neighbour 76), 5000 B→C. */
  private CoinHistory honestHistory() {
    chain.busyBlock(5, 1L << 40, -1L);
    chain.block(
        sign(new CoinTransfer(SLOT, 999, B.address()), A),
        sign(new CoinTransfer(3, 7, A.address()), C));
    chain.block();
    chain.busyBlock(76, 78);
    chain.block(sign(new CoinTransfer(SLOT, 2000, C.address()), B));
    return chain.history(SLOT, 1000, 5000);
  }

  private HistoryVerdict verify(CoinHistory h) {
    return verifier.verify(ORIGIN, h, chain.last());
  }

  private static CoinHistory replace(CoinHistory h, long block, Entry e) {
    List<Entry> entries = new ArrayList<>(h.entries());
    entries.replaceAll(x -> x.block() == block ? e : x);
    return new CoinHistory(h.slot(), entries);
  }

  private static void assertRejected(HistoryVerdict v, HistoryRejection reason, long block) {
    assertThat(v).isInstanceOf(Rejected.class);
    Rejected r = (Rejected) v;
    assertThat(r.reason()).as(r.toString()).isEqualTo(reason);
    assertThat(r.block()).isEqualTo(block);
  }

  @Test
  void acceptsAnHonestHistoryAndNamesTheCurrentOwner() {
    CoinHistory h = honestHistory();
    assertThat(h.entries().get(2)).isInstanceOf(Empty.class);
    assertThat(h.entries().get(3)).isInstanceOf(Excluded.class);
    assertThat(verify(h)).isEqualTo(new Valid(C.address(), 5000, 5000));
  }

  @Test
  void aCoinThatNeverMovedBelongsToItsOrigin() {
    chain.busyBlock(1, 2);
    chain.block();
    assertThat(verify(chain.history(SLOT, 1000, 2000)))
        .isEqualTo(new Valid(A.address(), 999, 2000));
    assertThat(verifier.verify(new CoinOrigin(2000, B.address()), CoinHistory.empty(SLOT), 2000))
        .isEqualTo(new Valid(B.address(), 2000, 2000));
  }

  @Test
  void aHistoryFromACheckpointStartsAfterIt() {
    CoinHistory h = honestHistory();
    CoinOrigin checkpoint = new CoinOrigin(2000, B.address());
    CoinHistory pruned = CoinCheckpointPolicy.prune(h, checkpoint);
    assertThat(pruned.entries()).extracting(Entry::block).containsExactly(3000L, 4000L, 5000L);
    assertThat(verifier.verify(checkpoint, pruned, 5000))
        .isEqualTo(new Valid(C.address(), 5000, 5000));
    assertRejected(verifier.verify(checkpoint, h, 5000), HistoryRejection.UNEXPECTED_BLOCK, 1000);
  }

  @Test
  void wrongSlot() {
    CoinHistory h = honestHistory();
    Included other = (Included) chain.entry(3, 2000);
    assertRejected(verify(replace(h, 2000, other)), HistoryRejection.WRONG_SLOT, 2000);
  }

  @Test
  void proofOfTheWrongDepth() {
    CoinHistory h = honestHistory();
    Included inc = (Included) h.entries().get(1);
    byte[] p = inc.proof().toArray();
    Bytes shortProof = Bytes.wrap(Arrays.copyOf(p, p.length - 1));
    assertRejected(
        verify(replace(h, 2000, new Included(2000, inc.transfer(), shortProof))),
        HistoryRejection.BAD_PROOF_LENGTH,
        2000);
    Bytes fullDepth = Bytes.wrap(new byte[8 + 64 * 32]);
    assertRejected(
        verify(replace(h, 4000, new Excluded(4000, fullDepth))),
        HistoryRejection.BAD_PROOF_LENGTH,
        4000);
  }

  @Test
  void proofsThatDoNotRecomputeTheRoot() {
    CoinHistory h = honestHistory();
    // an exclusion proof for a neighbour slot
    assertRejected(
        verify(replace(h, 4000, chain.entry(75, 4000))), HistoryRejection.ROOT_MISMATCH, 4000);
    // claiming a busy block is empty
    assertRejected(verify(replace(h, 1000, new Empty(1000))), HistoryRejection.ROOT_MISMATCH, 1000);
    // hiding the transfer at 2000 behind an exclusion proof from another block
    Excluded fromElsewhere = (Excluded) chain.entry(SLOT, 1000);
    assertRejected(
        verify(replace(h, 2000, new Excluded(2000, fromElsewhere.proof()))),
        HistoryRejection.ROOT_MISMATCH,
        2000);
    // a transfer in an empty block
    Included inc = (Included) h.entries().get(1);
    assertRejected(
        verify(replace(h, 3000, new Included(3000, inc.transfer(), CoinProof.EMPTY))),
        HistoryRejection.ROOT_MISMATCH,
        3000);
  }

  @Test
  void missingBlocks() {
    CoinHistory h = honestHistory();
    List<Entry> gap = new ArrayList<>(h.entries());
    gap.remove(2);
    assertRejected(verify(new CoinHistory(SLOT, gap)), HistoryRejection.MISSING_BLOCK, 3000);
    assertRejected(
        verify(new CoinHistory(SLOT, h.entries().subList(0, 4))),
        HistoryRejection.MISSING_BLOCK,
        5000);
    assertRejected(
        verify(new CoinHistory(SLOT, h.entries().subList(1, 5))),
        HistoryRejection.MISSING_BLOCK,
        1000);
  }

  @Test
  void duplicateAndUnexpectedBlocks() {
    CoinHistory h = honestHistory();
    List<Entry> dup = new ArrayList<>(h.entries());
    dup.add(3, h.entries().get(2));
    assertRejected(verify(new CoinHistory(SLOT, dup)), HistoryRejection.DUPLICATE_BLOCK, 3000);
    List<Entry> deposit = new ArrayList<>(h.entries());
    deposit.add(1, new Empty(1500));
    assertRejected(verify(new CoinHistory(SLOT, deposit)), HistoryRejection.UNEXPECTED_BLOCK, 1500);
    assertRejected(verifier.verify(ORIGIN, h, 4000), HistoryRejection.UNEXPECTED_BLOCK, 5000);
    CoinHistory beyond = h.append(new Empty(6000));
    assertRejected(verifier.verify(ORIGIN, beyond, 6000), HistoryRejection.UNEXPECTED_BLOCK, 6000);
  }

  @Test
  void badSignature() {
    CoinHistory h = honestHistory();
    CoinTransfer t = new CoinTransfer(SLOT, 2000, C.address());
    byte[] sig = sign(t, B).signature().value();
    sig[64] = 29; // not 27/28
    SignedCoinTransfer bad = new SignedCoinTransfer(t, new Signature(sig));
    chain = new TestChain();
    verifier = new CoinHistoryVerifier(DOMAIN, chain);
    chain.busyBlock(5);
    chain.block(sign(new CoinTransfer(SLOT, 999, B.address()), A));
    chain.block(bad);
    assertRejected(verify(chain.history(SLOT, 1000, 3000)), HistoryRejection.BAD_SIGNATURE, 3000);
    assertThat(h.entries()).hasSize(5);
  }

  @Test
  void wrongPrevBlock() {
    chain.block(sign(new CoinTransfer(SLOT, 999, B.address()), A));
    chain.block(
        sign(new CoinTransfer(SLOT, 999, C.address()), B)); // points at the origin, not at 1000
    assertRejected(
        verify(chain.history(SLOT, 1000, 2000)), HistoryRejection.WRONG_PREV_BLOCK, 2000);
  }

  @Test
  void notSignedByTheOwner() {
    chain.block(sign(new CoinTransfer(SLOT, 999, B.address()), A));
    chain.block(sign(new CoinTransfer(SLOT, 1000, C.address()), A)); // A sells the coin twice
    assertRejected(verify(chain.history(SLOT, 1000, 2000)), HistoryRejection.NOT_OWNER, 2000);
  }

  @Test
  void aSignatureUnderAnotherDomainIsNotTheOwners() {
    Domain otherChain = new Domain(DOMAIN.chainId() + 1, DOMAIN.verifyingContract());
    Domain otherContract = new Domain(DOMAIN.chainId(), C.address());
    for (Domain wrong : List.of(otherChain, otherContract)) {
      TestChain c = new TestChain();
      c.block(SignedCoinTransfer.sign(new CoinTransfer(SLOT, 999, B.address()), A, wrong));
      HistoryVerdict v =
          new CoinHistoryVerifier(DOMAIN, c).verify(ORIGIN, c.history(SLOT, 1000, 1000), 1000);
      assertRejected(v, HistoryRejection.NOT_OWNER, 1000);
      assertThat(new CoinHistoryVerifier(wrong, c)
              .verify(ORIGIN, c.history(SLOT, 1000, 1000), 1000)
              .isValid())
          .isTrue();
    }
  }
}
