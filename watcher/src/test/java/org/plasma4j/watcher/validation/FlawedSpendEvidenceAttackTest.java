package org.plasma4j.watcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.OutputPosition;

/**
 * A hostile operator serves signed records that do not decode: the watcher keeps from them only
 * spends their input's owner signed under this chain's domain, and evidence built from them names
 * an input whose signature the exit games accept.
 */
class FlawedSpendEvidenceAttackTest {

  private static final KeyPair OWNER = DevKeys.ACCOUNT_2;
  private static final KeyPair OTHER = DevKeys.ACCOUNT_3;

  private final ChildLedger ledger = new ChildLedger(Fixtures.DOMAIN);

  private OutputPosition deposit(long blkNum, KeyPair owner) {
    ledger.applyDeposit(blkNum, owner.address(), Address.ETH, BigInteger.valueOf(100), 1_000);
    return OutputPosition.of(blkNum, 0, 0);
  }

  private static Transaction spend(int amount, OutputPosition... inputs) {
    TxBuilder b = TxBuilder.payment();
    for (OutputPosition in : inputs) {
      b.input(in, OWNER);
    }
    return b.output(OTHER, Address.ETH, amount).build();
  }

  private static byte[] sig(KeyPair key, Transaction tx, Domain domain) {
    return key.sign(Eip712.digest(tx, domain)).value();
  }

  /** A record flawed in its domain field, with the signatures as given. */
  private static byte[] flawed(Transaction tx, byte[]... signatures) {
    List<byte[]> sigs = new ArrayList<>();
    for (byte[] s : signatures) {
      sigs.add(Rlp.encodeBytes(s));
    }
    return Rlp.encodeList(tx.encode(), Rlp.encodeList(sigs), Rlp.encodeList(Rlp.encodeUint(1)));
  }

  private ChildLedger.Judged applyBlock(long blkNum, List<byte[]> records) {
    List<Bytes> raw = records.stream().map(Bytes::wrap).toList();
    List<byte[]> leaves =
        records.stream().map(r -> RlpReader.of(r).readList().readRaw()).toList();
    DecodedBlock.Check check =
        DecodedBlock.check(blkNum, raw, MerkleTree.build(leaves).root());
    assertThat(check.verified()).isTrue();
    return ledger.apply(check.block(), 2_000, 5, Optional.empty());
  }

  @Test
  void aSignatureUnderAnotherDomainOrOverAnotherTransactionRecordsNoSpend() {
    OutputPosition otherChain = deposit(1, OWNER);
    OutputPosition otherContract = deposit(2, OWNER);
    OutputPosition otherTx = deposit(3, OWNER);
    Domain chain2 = new Domain(Fixtures.DOMAIN.chainId() + 1, Fixtures.DOMAIN.verifyingContract());
    Domain contract2 = new Domain(Fixtures.DOMAIN.chainId(), OTHER.address());
    Transaction t1 = spend(90, otherChain);
    Transaction t2 = spend(90, otherContract);
    Transaction t3 = spend(90, otherTx);
    // the owner signed a spend of the same input to someone else: a record carrying other txBytes
    Transaction signed = spend(10, otherTx);

    ChildLedger.Judged judged = applyBlock(
        1000,
        List.of(
            flawed(t1, sig(OWNER, t1, chain2)),
            flawed(t2, sig(OWNER, t2, contract2)),
            flawed(t3, sig(OWNER, signed, Fixtures.DOMAIN))));

    assertThat(judged.verdict().error()).isEqualTo("malformed_tx");
    for (OutputPosition p : List.of(otherChain, otherContract, otherTx)) {
      assertThat(ledger.spendsOf(p)).as("spend of %s", p).isEmpty();
    }
  }

  @Test
  void aRepeatedInputIsNoSpendAsTheExitGameCannotDecodeIt() {
    OutputPosition twice = deposit(1, OWNER);
    // PaymentTx.decode reverts MalformedTx on a repeated input: no challenge can be built from it
    Transaction t = Transaction.payment(List.of(twice, twice), spend(90, twice).outputs());
    byte[] s = sig(OWNER, t, Fixtures.DOMAIN);

    ChildLedger.Judged judged = applyBlock(1000, List.of(flawed(t, s, s)));

    assertThat(judged.verdict().error()).isEqualTo("malformed_tx");
    assertThat(ledger.spendsOf(twice)).isEmpty();
  }

  /**
   * A flawed record spends an output of someone else (no valid signature of it) and an output of
   * OWNER (signed). An in-flight transaction of OWNER's that spends both competes with it through
   * OWNER's input only: a challenge naming the other input carries a signature the exit game
   * refuses, and the in-flight exit would pass as canonical.
   */
  @Test
  void aCompetitorFromAFlawedRecordNamesTheInputItsOwnerSigned() {
    OutputPosition foreign = deposit(1, OTHER);
    OutputPosition owned = deposit(2, OWNER);
    Transaction f = spend(150, foreign, owned);
    applyBlock(1000, List.of(flawed(f, new byte[10], sig(OWNER, f, Fixtures.DOMAIN))));
    assertThat(ledger.spendsOf(owned)).hasSize(1);
    assertThat(ledger.spendsOf(foreign)).isEmpty();

    Transaction inFlight = spend(120, foreign, owned);
    List<Competitor> older = ledger.olderCompetitors(inFlight, inFlight.hash());

    assertThat(older).hasSize(1);
    Competitor c = older.get(0);
    assertThat(inFlight.inputs().get(c.inputIndex())).isEqualTo(owned);
    assertThat(f.inputs().get(c.competingInputIndex())).isEqualTo(owned);
    assertThat(Secp256k1.recover(Eip712.digest(f, Fixtures.DOMAIN), c.signature()))
        .contains(OWNER.address());
  }
  /** The record an honest node would serve: every input signed by OWNER under this domain. */
  private static byte[] wellFormed(Transaction tx) {
    List<Signature> sigs = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      sigs.add(new Signature(sig(OWNER, tx, Fixtures.DOMAIN)));
    }
    return SignedTransaction.of(tx, sigs, Fixtures.DOMAIN).encode();
  }

  /** Competitor T, spending A and B, and in-flight X spending both, each owned by OWNER. */
  private record Pair(Transaction t, Transaction x) {}

  /**
   * T's txBytes at block 1000 in {@code firstRecord}, X whole at 2000, T whole at 3000 (X spent
   * both inputs first, so T there is a double spend the ledger refuses yet records).
   */
  private Pair competitorAroundInFlight(Function<Transaction, byte[]> firstRecord) {
    OutputPosition a = deposit(1, OWNER);
    OutputPosition b = deposit(2, OWNER);
    Transaction t = spend(150, a, b);
    Transaction x = spend(120, a, b);
    applyBlock(1000, List.of(firstRecord.apply(t)));
    applyBlock(2000, List.of(wellFormed(x)));
    applyBlock(3000, List.of(wellFormed(t)));
    assertThat(ledger.isSpent(a) && ledger.isSpent(b)).isTrue();
    assertThat(ledger.inclusion(x.hash()).orElseThrow().position())
        .isEqualTo(OutputPosition.of(2000, 0, 0).encode());
    return new Pair(t, x);
  }

  /** The only competitor of X is T, at block 1000, with a signature the game accepts. */
  private void namedAtBlock1000(Pair p) {
    List<Competitor> older = ledger.olderCompetitors(p.x(), p.x().hash());

    assertThat(older).singleElement().satisfies(c -> {
      assertThat(c.competingTx().txHash()).isEqualTo(p.t().hash());
      assertThat(c.position()).isEqualTo(OutputPosition.of(1000, 0, 0).encode());
      assertThat(MerkleTree.rootFromProof(MerkleTree.leafHash32(p.t().encode()), 0, c.proof()))
          .isEqualTo(ledger.body(1000).orElseThrow().tree().root());
      // the shared input's owner signed T: the game checks that signature against that input
      assertThat(p.t().inputs().get(c.competingInputIndex()))
          .isEqualTo(p.x().inputs().get(c.inputIndex()));
      assertThat(Secp256k1.recover(Eip712.digest(p.t(), Fixtures.DOMAIN), c.signature()))
          .contains(OWNER.address());
    });
  }

  /**
   * A hostile operator includes competitor T twice: first at block 1000 in a flawed record that
   * carries OWNER's signature for input B only, then whole at block 3000. The in-flight X, spending
   * A and B, sits at block 2000 between them. challengeInFlightExitNotCanonical accepts T at 1000,
   * which is older than X; the competitor must be named there, not at 3000, where X's own inclusion
   * answers it.
   */
  @Test
  void aCompetitorIncludedTwiceIsNamedAtItsOlderInclusion() {
    Pair p = competitorAroundInFlight(t -> flawed(t, new byte[10], sig(OWNER, t, Fixtures.DOMAIN)));
    assertThat(ledger.spendsOf(p.x().inputs().get(1)))
        .extracting(Spend::blkNum)
        .containsExactly(1000L, 2000L, 3000L);

    namedAtBlock1000(p);
  }

  /**
   * As above, but T's record at block 1000 carries no signature at all that recovers to OWNER (its
   * txBytes decode, its signatures are another key's): the game takes the signature from T at 3000
   * as an argument and proves T's txBytes at 1000, older than X.
   */
  @Test
  void aCompetitorIsNamedAtTheOldestInclusionOfItsTxBytesWhateverRecordCarriedThem() {
    Pair p = competitorAroundInFlight(t -> {
      byte[] foreign = sig(OTHER, t, Fixtures.DOMAIN);
      return flawed(t, foreign, foreign, foreign);
    });
    assertThat(ledger.spendsOf(p.x().inputs().get(1)))
        .extracting(Spend::blkNum)
        .containsExactly(2000L, 3000L);

    namedAtBlock1000(p);
  }

  /**
   * The in-flight X is included at block 1000 only in a record flawed in its domain field: its
   * txBytes are the leaf, so respondToNonCanonicalChallenge proves X there. A competitor T at block
   * 2000 is younger, and X stays canonical on the root chain: the watcher must not call it
   * otherwise, nor leave X's inclusion unknown for its response to a challenge naming T.
   */
  @Test
  void anInFlightTransactionInAFlawedRecordIsCanonicalAgainstAYoungerCompetitor() {
    OutputPosition a = deposit(1, OWNER);
    OutputPosition b = deposit(2, OWNER);
    Transaction x = spend(120, a, b);
    Transaction t = spend(150, b);
    applyBlock(
        1000, List.of(flawed(x, sig(OWNER, x, Fixtures.DOMAIN), sig(OWNER, x, Fixtures.DOMAIN))));
    applyBlock(2000, List.of(wellFormed(t)));
    assertThat(ledger.spendsOf(b)).hasSize(2);

    assertThat(ledger.olderCompetitors(x, x.hash())).isEmpty();
    assertThat(ledger.oldestInclusion(x.hash()).orElseThrow().position())
        .isEqualTo(OutputPosition.of(1000, 0, 0).encode());
    // no output of X exists: its record did not decode, so its outputs are not spendable
    assertThat(ledger.inclusion(x.hash())).isEmpty();
  }
  /** The recovery id as 0 or 1 rather than 27 or 28. */
  static byte[] zeroOneV(byte[] canonical) {
    byte[] out = canonical.clone();
    out[64] = (byte) (canonical[64] - 27);
    return out;
  }

  private void assertOneOwnerSpend(OutputPosition p, Transaction t) {
    assertThat(ledger.spendsOf(p)).as("spend of %s", p).singleElement().satisfies(s -> {
      assertThat(s.tx().txBytes()).isEqualTo(t.encode());
      assertThat(s.signature().isCanonical()).isTrue();
      assertThat(Secp256k1.recover(Eip712.digest(t, Fixtures.DOMAIN), s.signature()))
          .contains(OWNER.address());
    });
  }

  /**
   * A record that decodes whole but names another chain in its domain field, its signature made
   * under this chain's domain: challengeStandardExit never reads the domain field, so the spend
   * challenges an exit of its input, and the colluding owner must not exit it too.
   */
  @Test
  void aRecordNamingAnotherDomainStillCarriesTheSpendItsOwnerSignedHere() {
    OutputPosition p = deposit(1, OWNER);
    Transaction t = spend(90, p);
    Domain chain2 = new Domain(Fixtures.DOMAIN.chainId() + 1, Fixtures.DOMAIN.verifyingContract());
    byte[] record = SignedTransaction.of(
            t, List.of(new Signature(sig(OWNER, t, Fixtures.DOMAIN))), chain2)
        .encode();

    ChildLedger.Judged judged = applyBlock(1000, List.of(record));

    assertThat(judged.verdict().isValid()).isFalse();
    assertOneOwnerSpend(p, t);
  }

  /**
   * The owner's signature served with a high s or a recovery id of 0/1, in a record that decodes
   * and in a flawed one: anyone turns it into the form challengeStandardExit accepts, so it is the
   * owner's spend, kept in that form.
   */
  @Test
  void anOwnersSignatureInAnotherFormIsEvidenceInTheFormTheGameAccepts() {
    OutputPosition decodedHighS = deposit(1, OWNER);
    OutputPosition decodedV01 = deposit(2, OWNER);
    OutputPosition flawedHighS = deposit(3, OWNER);
    Transaction t1 = spend(90, decodedHighS);
    Transaction t2 = spend(90, decodedV01);
    Transaction t3 = spend(90, flawedHighS);
    byte[] r1 = SignedTransaction.of(
            t1,
            List.of(BadSignatures.malleate(new Signature(sig(OWNER, t1, Fixtures.DOMAIN)))),
            Fixtures.DOMAIN)
        .encode();
    byte[] r2 = SignedTransaction.of(
            t2, List.of(new Signature(zeroOneV(sig(OWNER, t2, Fixtures.DOMAIN)))), Fixtures.DOMAIN)
        .encode();
    byte[] r3 = flawed(
        t3,
        BadSignatures.malleate(new Signature(sig(OWNER, t3, Fixtures.DOMAIN))).value());

    ChildLedger.Judged judged = applyBlock(1000, List.of(r1, r2, r3));

    assertThat(judged.verdict().isValid()).isFalse();
    assertOneOwnerSpend(decodedHighS, t1);
    assertOneOwnerSpend(decodedV01, t2);
    assertOneOwnerSpend(flawedHighS, t3);
  }
  /**
   * A colluding owner signs a thousand different spends of the same four outputs and the operator
   * serves them as flawed records in one block, and again in a later one, around an in-flight
   * transaction of the same four outputs included whole between them. The block is judged, every
   * spend is kept, and the in-flight transaction's competitors are exactly those older than it,
   * oldest first, each naming the first shared input.
   */
  @Test
  void thousandsOfFlawedSpendsOfTheSameInputsAcrossBlocksAreJudgedAndOrdered() {
    List<OutputPosition> inputs =
        List.of(deposit(1, OWNER), deposit(2, OWNER), deposit(3, OWNER), deposit(4, OWNER));
    OutputPosition[] in = inputs.toArray(OutputPosition[]::new);
    int perBlock = 1000;
    List<byte[]> before = new ArrayList<>();
    List<byte[]> after = new ArrayList<>();
    for (int k = 0; k < perBlock; k++) {
      Transaction early = spend(1 + k, in);
      Transaction late = spend(1 + perBlock + k, in);
      byte[] s1 = sig(OWNER, early, Fixtures.DOMAIN);
      byte[] s2 = sig(OWNER, late, Fixtures.DOMAIN);
      before.add(flawed(early, s1, s1, s1, s1, s1));
      after.add(flawed(late, s2, s2, s2, s2, s2));
    }
    // paid to its signer, so no competitor has its txBytes
    TxBuilder xb = TxBuilder.payment();
    inputs.forEach(p -> xb.input(p, OWNER));
    Transaction x = xb.output(OWNER, Address.ETH, 300).build();

    assertThat(applyBlock(1000, before).verdict().error()).isEqualTo("malformed_tx");
    applyBlock(2000, List.of(wellFormed(x)));
    assertThat(applyBlock(3000, after).verdict().error()).isEqualTo("malformed_tx");
    List<Competitor> older = ledger.olderCompetitors(x, x.hash());

    for (OutputPosition p : inputs) {
      assertThat(ledger.spendsOf(p)).hasSize(2 * perBlock + 1);
    }
    assertThat(older).hasSize(perBlock);
    for (int k = 0; k < perBlock; k++) {
      Competitor c = older.get(k);
      assertThat(c.position()).isEqualTo(OutputPosition.of(1000, k, 0).encode());
      assertThat(c.inputIndex()).isZero();
      assertThat(c.competingTx().tx().outputs().get(0).amount())
          .isEqualTo(BigInteger.valueOf(1 + k));
    }
  }
}
