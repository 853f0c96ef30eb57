package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;
import static org.plasma4j.wallet.TestKeys.TOKEN;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * The wallet's mass exit: items built from the operator's exit data, checked before the root chain.
 */
class PlasmaWalletMassExitTest {

  /** Anvil's account 3, {@link TestKeys#BOB}. */
  private static final PrivateKey BOB_KEY =
      PrivateKey.fromHex("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

  private static final long DEADLINE = 1_800_000_000L;
  /**
   * The consents in these tests vouch for the blocks up to 1000, the youngest the tests' outputs
   * are of.
   */
  private static final long MAX_BLOCK = 1000;

  private static final Address CAROL =
      Address.fromHex("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
  private static final long DEPOSIT_1 = OutputPosition.of(1, 0, 0).encode();
  private static final long DEPOSIT_2 = OutputPosition.of(2, 0, 0).encode();
  private static final long DEPOSIT_3 = OutputPosition.of(3, 0, 0).encode();
  private static final long DEPOSIT_4 = OutputPosition.of(4, 0, 0).encode();
  private static final long BLOCK_1000_TX_1 = OutputPosition.of(1000, 1, 0).encode();

  private final StubOperator operator = new StubOperator();
  private final InMemoryActions rootChain = new InMemoryActions();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY),
      new OperatorClient(java.net.URI.create(operator.url())),
      rootChain);

  @AfterEach
  void stop() {
    operator.close();
  }

  /**
   * Deposits 1 and 2 are Alice's, deposit 3 Bob's, deposit 4 Alice's token; block 1000 has two txs.
   */
  private final Block block1000 = new Block(
      1000,
      List.of(
          SignedTransaction.of(
              Transaction.payment(
                  List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(BOB, Address.ETH, 1))),
              List.of(),
              new Domain(31337, FRAMEWORK)),
          SignedTransaction.of(
              Transaction.payment(
                  List.of(OutputPosition.of(2, 0, 0)), List.of(Output.of(ALICE, Address.ETH, 9))),
              List.of(),
              new Domain(31337, FRAMEWORK))));

  private void operatorServingOutputs() {
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getExitData", params -> {
          long position = params.get(0).asLong();
          if (position == BLOCK_1000_TX_1) {
            return exitData(
                position,
                block1000.transactions().get(1).txBytes(),
                block1000.merkleTree().proof(1));
          }
          long blkNum = OutputPosition.decode(position).blkNum();
          Address owner = blkNum == 3 ? BOB : ALICE;
          Address token = blkNum == 4 ? TOKEN : Address.ETH;
          byte[] tx =
              new Deposit(blkNum, owner, token, BigInteger.TEN).transaction().encode();
          return exitData(position, tx, MerkleTree.build(List.of(tx)).proof(0));
        });
  }

  private static Map<String, Object> exitData(long position, byte[] tx, Bytes proof) {
    return Map.of(
        "position",
        position,
        "txBytes",
        Hex.encode(tx),
        "proof",
        proof.toHex(),
        "blockTimestamp",
        7);
  }

  @Test
  void ownOutputsAndConsentedOnesGoInOneBatchInPositionOrderWithCompressedProofs() {
    operatorServingOutputs();
    MassExitConsent bobs = new MassExitConsent(
        DEPOSIT_3,
        ALICE,
        DEADLINE,
        MAX_BLOCK,
        MassExitBatch.signConsent(
                BOB_KEY,
                DEPOSIT_3,
                ALICE,
                DEADLINE,
                MAX_BLOCK,
                new Domain(31337, FRAMEWORK).separator())
            .signature());

    wallet.massExit(Address.ETH, List.of(BLOCK_1000_TX_1, DEPOSIT_2, DEPOSIT_1), List.of(bobs));

    assertThat(rootChain.calls).containsExactly("startMassExit " + Address.ETH + " 4");
    List<MassExitBatch.Item> items = rootChain.lastMassExit.items();
    assertThat(items)
        .extracting(i -> i.position().encode())
        .containsExactly(DEPOSIT_1, DEPOSIT_2, DEPOSIT_3, BLOCK_1000_TX_1);
    assertThat(rootChain.lastMassExit.leaves().get(2).owner()).isEqualTo(BOB);
    assertThat(items.get(0).proof().encode()).isEqualTo(Bytes.fromHex("0x0000"));
    assertThat(items.get(0).signature()).isEqualTo(Bytes.EMPTY);
    assertThat(items.get(2).signature()).isEqualTo(bobs.signature().bytes());
    assertThat(items.get(2).consentDeadline()).isEqualTo(DEADLINE);
    assertThat(items.get(2).consentMaxBlock()).isEqualTo(MAX_BLOCK);
    assertThat(items.get(0).consentDeadline()).isZero();
    // txIndex 1 of a two-leaf block: only the level-0 sibling (leaf 0) is not empty
    Bytes compressed = items.get(3).proof().encode();
    assertThat(compressed.length()).isEqualTo(2 + 32);
    assertThat(Hex.encode(java.util.Arrays.copyOfRange(compressed.toArray(), 0, 2)))
        .isEqualTo("0x0001");
    assertThat(Hex.encode(java.util.Arrays.copyOfRange(compressed.toArray(), 2, 34)))
        .isEqualTo(block1000.merkleTree().leaf(0).toHex());
  }

  @Test
  void someoneElsesOutputWithoutConsentOrAnotherTokenIsRefusedBeforeTheRootChain() {
    operatorServingOutputs();
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(DEPOSIT_1, DEPOSIT_3)))
        .isInstanceOf(WalletException.NotYourOutput.class)
        .hasMessageContaining("output " + DEPOSIT_3 + " belongs to " + BOB);
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(DEPOSIT_4)))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("WRONG_TOKEN");
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of()))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("BAD_ITEM_COUNT");
    MassExitConsent forged = wallet.consentToMassExit(DEPOSIT_3, ALICE, DEADLINE, MAX_BLOCK);
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(), List.of(forged)))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("CONSENT_NOT_BY_OWNER");
    assertThat(rootChain.calls).isEmpty();
  }

  @Test
  void aConsentForAnotherInitiatorIsRefusedBeforeTheRootChain() {
    operatorServingOutputs();
    MassExitConsent forCarol = new MassExitConsent(
        DEPOSIT_3,
        CAROL,
        DEADLINE,
        MAX_BLOCK,
        MassExitBatch.signConsent(
                BOB_KEY,
                DEPOSIT_3,
                CAROL,
                DEADLINE,
                MAX_BLOCK,
                new Domain(31337, FRAMEWORK).separator())
            .signature());
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(), List.of(forCarol)))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("names " + CAROL + " as initiator");
    // relabelled as alice's, the signature does not recover to bob
    MassExitConsent relabelled =
        new MassExitConsent(DEPOSIT_3, ALICE, DEADLINE, MAX_BLOCK, forCarol.signature());
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(), List.of(relabelled)))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("CONSENT_NOT_BY_OWNER");
    assertThat(rootChain.calls).isEmpty();
  }

  @Test
  void aConsentIsTheOwnersSignatureOverTheConsentDigest() {
    operatorServingOutputs();
    MassExitConsent consent = wallet.consentToMassExit(DEPOSIT_1, BOB, DEADLINE, MAX_BLOCK);
    byte[] digest = MassExitBatch.consentDigest(
        DEPOSIT_1, BOB, DEADLINE, MAX_BLOCK, new Domain(31337, FRAMEWORK).separator());
    assertThat(Secp256k1.recover(digest, consent.signature())).contains(ALICE);
    assertThat(consent.position()).isEqualTo(DEPOSIT_1);
    assertThat(consent.initiator()).isEqualTo(BOB);
    assertThat(consent.deadline()).isEqualTo(DEADLINE);
    assertThat(consent.maxBlock()).isEqualTo(MAX_BLOCK);
  }

  @Test
  void aConsentDeadlineMoreThanOneExitPeriodAwayIsRefusedUnsigned() {
    operatorServingOutputs();
    rootChain.chain.setHeadTimestamp(1_700_000_000L);
    rootChain.minExitPeriod = 3_600;
    // an initiator holding it could start the batch an exit period after the first block past
    // maxBlock
    assertThatThrownBy(() -> wallet.consentToMassExit(DEPOSIT_1, BOB, 1_700_003_601L, MAX_BLOCK))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("CONSENT_DEADLINE_TOO_LATE")
        .hasMessageContaining("1700003600");
    assertThatThrownBy(() -> wallet.consentToMassExit(DEPOSIT_1, BOB, 1_699_999_999L, MAX_BLOCK))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("CONSENT_EXPIRED");
    MassExitConsent atTheBound =
        wallet.consentToMassExit(DEPOSIT_1, BOB, 1_700_003_600L, MAX_BLOCK);
    byte[] digest = MassExitBatch.consentDigest(
        DEPOSIT_1, BOB, 1_700_003_600L, MAX_BLOCK, new Domain(31337, FRAMEWORK).separator());
    assertThat(Secp256k1.recover(digest, atTheBound.signature())).contains(ALICE);
    assertThat(rootChain.calls).isEmpty();
  }

  @Test
  void aConsentKeepsTheBatchToTheBlocksItsOwnerVouchedFor() {
    operatorServingOutputs();
    long youngest = OutputPosition.decode(BLOCK_1000_TX_1).blkNum();
    assertThatThrownBy(() -> wallet.consentToMassExit(BLOCK_1000_TX_1, BOB, DEADLINE, youngest - 1))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("admits no batch");
    // bob vouched for the blocks up to 3 only: alice cannot put his output beside her younger one
    MassExitConsent upTo3 = new MassExitConsent(
        DEPOSIT_3,
        ALICE,
        DEADLINE,
        3,
        MassExitBatch.signConsent(
                BOB_KEY, DEPOSIT_3, ALICE, DEADLINE, 3, new Domain(31337, FRAMEWORK).separator())
            .signature());
    assertThatThrownBy(() -> wallet.massExit(Address.ETH, List.of(BLOCK_1000_TX_1), List.of(upTo3)))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("BATCH_YOUNGER_THAN_CONSENT");
    assertThat(rootChain.calls).isEmpty();
  }
}
