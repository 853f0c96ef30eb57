package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.core.cash.TestChain.sign;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinChallenge.Kind;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;

/**
 * Origin (999, A); T1 A→B at 2000; T2 B→C at 4000 is the honest chain. Each claim is what the cash
 * game would accept on chain (its transfers included in these blocks); the finder names the
 * challenge.
 */
class CoinChallengeFinderTest {
  private static final long SLOT = 12;
  private static final KeyPair A = DevKeys.ACCOUNT_0;
  private static final KeyPair B = DevKeys.ACCOUNT_1;
  private static final KeyPair C = DevKeys.ACCOUNT_2;
  private static final KeyPair D = DevKeys.ACCOUNT_3;
  private static final CoinOrigin ORIGIN = new CoinOrigin(999, A.address());

  private TestChain chain;
  private CoinHistory history;

  @BeforeEach
  void setUp() {
    chain = new TestChain();
    chain.busyBlock(3);
    chain.block(sign(new CoinTransfer(SLOT, 999, B.address()), A));
    chain.busyBlock(11, 13);
    chain.block(sign(new CoinTransfer(SLOT, 2000, C.address()), B));
    history = chain.history(SLOT, 1000, 4000);
    assertThat(
            new CoinHistoryVerifier(DOMAIN, chain).verify(ORIGIN, history, 4000).isValid())
        .isTrue();
  }

  private static CoinClaim exit(Address owner, Address prevOwner, long prevBlock, long exitBlock) {
    return new CoinClaim(SLOT, owner, prevOwner, prevBlock, exitBlock, false);
  }

  private static CoinClaim checkpoint(
      Address owner, Address prevOwner, long prevBlock, long exitBlock) {
    return new CoinClaim(SLOT, owner, prevOwner, prevBlock, exitBlock, true);
  }

  private void assertEvidence(CoinChallenge c, Kind kind, long blk) {
    assertThat(c.kind()).isEqualTo(kind);
    CoinEvidence e = c.evidence().orElseThrow();
    assertThat(e.blk()).isEqualTo(blk);
    CoinHistory.Included inc = (CoinHistory.Included) chain.entry(SLOT, blk);
    assertThat(e.txBytes()).isEqualTo(Bytes.wrap(inc.transfer().transfer().encode()));
    assertThat(e.sig()).isEqualTo(inc.transfer().signature().bytes());
    assertThat(CoinTree.includes(chain.coinRoot(blk), e.transfer(), CoinProof.decode(e.proof())))
        .isTrue();
  }

  @Test
  void theLatestStateNeedsNoChallenge() {
    assertThat(
            CoinChallengeFinder.find(ORIGIN, history, exit(C.address(), B.address(), 2000, 4000)))
        .isEqualTo(CoinChallenge.NONE);
  }

  @Test
  void aSpentExitIsChallengedAfterWithItsSpend() {
    assertEvidence(
        CoinChallengeFinder.find(ORIGIN, history, exit(B.address(), A.address(), 999, 2000)),
        Kind.AFTER,
        4000);
    assertEvidence(
        CoinChallengeFinder.find(ORIGIN, history, exit(A.address(), Address.ZERO, 0, 999)),
        Kind.AFTER,
        2000);
  }

  @Test
  void aCheckpointOfAnOlderRealStateIsNotChallenged() {
    assertThat(CoinChallengeFinder.find(
            ORIGIN, history, checkpoint(B.address(), A.address(), 999, 2000)))
        .isEqualTo(CoinChallenge.NONE);
  }

  @Test
  void aDoubleSpendByThePreviousOwnerIsChallengedBetween() {
    // A sold the coin to B at 2000, then signed it to D as well; the operator included that at 5000
    chain.block(sign(new CoinTransfer(SLOT, 999, D.address()), A));
    CoinClaim claim = exit(D.address(), A.address(), 999, 5000);
    assertEvidence(CoinChallengeFinder.find(ORIGIN, history, claim), Kind.BETWEEN, 2000);
    CoinClaim cp = checkpoint(D.address(), A.address(), 999, 5000);
    assertEvidence(CoinChallengeFinder.find(ORIGIN, history, cp), Kind.BETWEEN, 2000);
  }

  @Test
  void aForgedHistoryIsChallengedBeforeWithTheLastRealTransferBeforeIt() {
    // the operator includes a transfer of B's coin to D that B never signed (3000 is excluded in
    // the
    // honest history, so the forgery is at 5000), then D passes it on at 6000 and exits
    chain.block(sign(new CoinTransfer(SLOT, 4000, D.address()), D));
    chain.block(sign(new CoinTransfer(SLOT, 5000, A.address()), D));
    CoinClaim claim = exit(A.address(), D.address(), 5000, 6000);
    assertEvidence(CoinChallengeFinder.find(ORIGIN, history, claim), Kind.BEFORE, 4000);
  }

  @Test
  void aForgeryBeforeAnyTransferIsChallengedFromTheOrigin() {
    CoinHistory unmoved = chain.history(SLOT, 1000, 1000);
    CoinClaim claim = exit(C.address(), D.address(), 5000, 6000);
    CoinChallenge c = CoinChallengeFinder.find(ORIGIN, unmoved, claim);
    assertThat(c).isEqualTo(new CoinChallenge(Kind.BEFORE_FROM_ORIGIN, Optional.empty()));
  }

  @Test
  void aLaterSpendOfTheClaimedOwnersCoinAnswersAChallengeBefore() {
    // C exits at 4000 (prev 2000); someone challenges before naming A at the origin, or B at 2000
    assertEvidence(
        new CoinChallenge(
            Kind.BEFORE, CoinChallengeFinder.respond(ORIGIN, history, A.address(), 999, 2000)),
        Kind.BEFORE,
        2000);
    assertThat(CoinChallengeFinder.respond(ORIGIN, history, B.address(), 2000, 2000))
        .isEmpty();
    assertThat(CoinChallengeFinder.respond(ORIGIN, history, B.address(), 2000, 4000))
        .isPresent();
    assertThat(CoinChallengeFinder.respond(ORIGIN, history, D.address(), 3000, 4000))
        .isEmpty();
    assertThat(CoinChallengeFinder.respond(ORIGIN, history, C.address(), 4000, 4000))
        .isEmpty();
  }

  @Test
  void theLatestClaimIsTheLastTwoTransfersOrTheOrigin() {
    CoinClaimArgs args = CoinCheckpointPolicy.latestClaim(ORIGIN, history);
    assertThat(args.exitBlock()).isEqualTo(4000);
    assertThat(CoinTransfer.decode(args.exitTx().toArray()).newOwner()).isEqualTo(C.address());
    assertThat(CoinTransfer.decode(args.prevTx().toArray()).newOwner()).isEqualTo(B.address());
    CoinClaimArgs firstMove =
        CoinCheckpointPolicy.latestClaim(ORIGIN, chain.history(SLOT, 1000, 2000));
    assertThat(firstMove.prevTx()).isEqualTo(Bytes.EMPTY);
    assertThat(firstMove.exitBlock()).isEqualTo(2000);
    assertThat(CoinCheckpointPolicy.latestClaim(ORIGIN, chain.history(SLOT, 1000, 1000)))
        .isEqualTo(CoinClaimArgs.origin(999));
    assertThat(CoinCheckpointPolicy.canCheckpoint(ORIGIN, history)).isTrue();
    assertThat(CoinCheckpointPolicy.canCheckpoint(new CoinOrigin(4000, C.address()), history))
        .isFalse();
  }
}
