package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.ETH;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

class PlasmaWalletTest {
  private static final long DEPOSIT_1 = OutputPosition.of(1, 0, 0).encode();
  private static final long BLOCK_2000_TX_1_OUT_1 =
      OutputPosition.of(2000, 1, 1).encode();

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

  private void fundedWithEth() {
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, "1000"));
    CommittedOutputs outputs = CommittedOutputs.of(
        CommittedOutputs.Listed.of(DEPOSIT_1, ALICE, Address.ETH, 1_000_000),
        CommittedOutputs.Listed.of(
            OutputPosition.of(1000, 2, 1).encode(), ALICE, Address.ETH, 500_000));
    outputs.serve(operator);
    outputs.commitTo(rootChain);
  }

  @Test
  void sendSignsForTheRootChainsDomainAndRecoversToTheWalletsAddress() {
    fundedWithEth();
    operator.on("plasma_sendTransaction", params -> {
      SignedTransaction tx =
          TransactionDecoder.decodeSigned(Hex.decode(params.get(0).asText())).orElseThrow();
      return Map.of("txHash", tx.txHash().toHex());
    });

    Bytes32 txHash = wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000));

    SignedTransaction sent = TransactionDecoder.decodeSigned(
            Hex.decode(operator.lastParams("plasma_sendTransaction").get(0).asText()))
        .orElseThrow();
    assertThat(sent.txHash()).isEqualTo(txHash);
    assertThat(sent.domain()).isEqualTo(new Domain(31337, FRAMEWORK));
    // the 500000-wei output (0x7a120) is the smallest that covers 300000 + 1000
    assertThat(sent.tx().inputs()).containsExactly(OutputPosition.of(1000, 2, 1));
    assertThat(sent.tx().outputs())
        .containsExactly(
            new Output(BOB, Address.ETH, BigInteger.valueOf(300_000)),
            new Output(ALICE, Address.ETH, BigInteger.valueOf(199_000)));
    assertThat(sent.signatures()).hasSize(1);
    byte[] digest = Eip712.digest(sent.tx(), new Domain(31337, FRAMEWORK));
    assertThat(Secp256k1.recover(digest, sent.signatures().get(0))).contains(ALICE);
  }

  @Test
  void anOperatorNamingAnotherChainIdOrFrameworkGetsNoSignedPaymentNorConsent() {
    fundedWithEth();
    operator.on("plasma_sendTransaction", params -> Map.of("txHash", "0x" + "00".repeat(32)));
    for (Map<String, Object> lie : List.of(
        Map.<String, Object>of(
            "chainId",
            1,
            "framework",
            FRAMEWORK.toHex(),
            "operator",
            ETH,
            "feeBeneficiary",
            ETH,
            "childBlockInterval",
            1000),
        StubOperator.chainInfo("0x" + "0e".repeat(20)))) {
      operator.on("plasma_getChainInfo", lie);
      PlasmaWallet lied = new PlasmaWallet(
          WalletKey.fromHex(ALICE_KEY),
          new OperatorClient(java.net.URI.create(operator.url())),
          rootChain);
      String reason = lie.get("chainId").equals(1) ? "OPERATOR_CHAIN_ID" : "OPERATOR_FRAMEWORK";
      assertThatThrownBy(() -> lied.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
          .isInstanceOfSatisfying(
              WalletException.DomainMismatch.class, e -> assertThat(e.reason()).isEqualTo(reason));
      assertThatThrownBy(() -> lied.consentToMassExit(DEPOSIT_1, BOB, 4_000_000_000L, 1))
          .isInstanceOf(WalletException.DomainMismatch.class);
    }
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
    assertThat(rootChain.domainReads)
        .as("the domain always comes from the root chain")
        .isPositive();
  }

  @Test
  void everyInputOfAMultiInputPaymentIsSignedByTheWallet() {
    fundedWithEth();
    PlasmaWallet.Payment payment =
        wallet.buildPayment(BOB, Address.ETH, BigInteger.valueOf(1_400_000));
    Transaction tx = payment.signed().tx();
    assertThat(tx.inputs()).hasSize(2);
    byte[] digest = payment.signed().signingDigest();
    for (Signature s : payment.signed().signatures()) {
      assertThat(Secp256k1.recover(digest, s)).contains(ALICE);
    }
    assertThat(tx.outputs().get(1).amount()).isEqualTo(BigInteger.valueOf(99_000));
  }

  @Test
  void balancesSumTheWalletsUtxosPerToken() {
    fundedWithEth();
    rootChain.balances.put(Address.ETH, BigInteger.valueOf(77));
    assertThat(wallet.listing().complete()).isTrue();
    assertThat(wallet.l2Balances())
        .containsExactly(Map.entry(Address.ETH, BigInteger.valueOf(1_500_000)));
    assertThat(wallet.l2Balance(TestKeys.TOKEN)).isZero();
    assertThat(wallet.l1Balance(Address.ETH)).isEqualTo(77);
  }

  @Test
  void operatorErrorsCarryCodeAndMessage() {
    fundedWithEth();
    operator.on("plasma_sendTransaction", params -> {
      throw new StubOperator.RpcError(-32014, "input " + DEPOSIT_1 + " is already spent");
    });
    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.ONE))
        .isInstanceOfSatisfying(WalletException.OperatorError.class, e -> {
          assertThat(e.code()).isEqualTo(-32014);
          assertThat(e.rpcMessage()).isEqualTo("input " + DEPOSIT_1 + " is already spent");
        })
        .hasMessage(
            "operator rejected the request (-32014): input " + DEPOSIT_1 + " is already spent");
  }

  @Test
  void anUnreachableOperatorIsReportedAsSuch() {
    operator.close();
    assertThatThrownBy(wallet::utxos)
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessageStartingWith("operator unreachable at " + operator.url());
  }

  @Test
  void exitStartsOnTheRootChainWithTheOperatorsProof() {
    long position = BLOCK_2000_TX_1_OUT_1;
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)),
        List.of(Output.of(BOB, Address.ETH, 5), Output.of(ALICE, Address.ETH, 7)));
    operator.on(
        "plasma_getExitData",
        Map.of(
            "position",
            position,
            "txBytes",
            Hex.encode(tx.encode()),
            "proof",
            Hex.encode(new byte[512]),
            "blockTimestamp",
            "0x64"));

    var receipt = wallet.exit(position);

    assertThat(rootChain.calls).containsExactly("startStandardExit " + position + " 512 100");
    assertThat(rootChain.lastTxBytes).isEqualTo(tx.encode());
    assertThat(receipt.blockNumber()).isEqualTo(101);
    assertThat(operator.lastParams("plasma_getExitData").get(0).asLong()).isEqualTo(position);
  }

  @Test
  void exitOfAnOutputTheOperatorKnowsSpentIsRefusedUnlessForced() {
    long position = BLOCK_2000_TX_1_OUT_1;
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)),
        List.of(Output.of(BOB, Address.ETH, 5), Output.of(ALICE, Address.ETH, 7)));
    Transaction spend = Transaction.payment(
        List.of(OutputPosition.decode(position)), List.of(Output.of(BOB, Address.ETH, 6)));
    operator.on(
        "plasma_getExitData",
        Map.of(
            "position",
            position,
            "txBytes",
            Hex.encode(tx.encode()),
            "proof",
            Hex.encode(new byte[512]),
            "blockTimestamp",
            "0x64"));
    operator.on(
        "plasma_getChallengeData",
        Map.of(
            "position",
            position,
            "spendingTx",
            Hex.encode(spend.encode()),
            "inputIndex",
            0,
            "signature",
            Hex.encode(new byte[65])));

    String spendHash = org.plasma4j.core.crypto.Keccak256.hash32(spend.encode()).toHex();
    assertThatThrownBy(() -> wallet.exitUnspent(position, false))
        .isInstanceOf(WalletException.OutputSpent.class)
        .hasMessageContaining(
            "output " + position + " is already spent on the child chain (by tx " + spendHash + ")")
        .hasMessageContaining("bond lost to the challenger")
        .hasMessageContaining("--force");
    assertThat(rootChain.calls).as("nothing sent to the root chain").isEmpty();

    wallet.exitUnspent(position, true);
    assertThat(rootChain.calls).containsExactly("startStandardExit " + position + " 512 100");
  }

  @Test
  void exitOfAnOutputWithNoKnownSpendStarts() {
    long position = OutputPosition.of(2000, 1, 0).encode();
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(ALICE, Address.ETH, 5)));
    operator.on(
        "plasma_getExitData",
        Map.of(
            "position",
            position,
            "txBytes",
            Hex.encode(tx.encode()),
            "proof",
            "0x",
            "blockTimestamp",
            1));
    operator.on("plasma_getChallengeData", params -> {
      throw new StubOperator.RpcError(-32022, "output " + position + " is not spent");
    });
    wallet.exitUnspent(position, false);
    assertThat(rootChain.calls).containsExactly("startStandardExit " + position + " 0 1");
  }

  @Test
  void exitRefusesSomeoneElsesOutputBeforeTouchingTheRootChain() {
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(BOB, Address.ETH, 5)));
    operator.on(
        "plasma_getExitData",
        Map.of(
            "position",
            2_000_000_000L,
            "txBytes",
            Hex.encode(tx.encode()),
            "proof",
            "0x",
            "blockTimestamp",
            1));
    assertThatThrownBy(() -> wallet.exit(2_000_000_000L)) // block 2000, tx 0, output 0
        .isInstanceOf(WalletException.NotYourOutput.class)
        .hasMessage("output 2000000000 belongs to " + BOB + ", not to this wallet (" + ALICE + ")");
    assertThat(rootChain.calls).isEmpty();
  }

  @Test
  void exitOfAnUnknownOrMalformedPositionIsAClearError() {
    operator.on("plasma_getExitData", params -> {
      throw new StubOperator.RpcError(-32022, "no output at 5000000000");
    });
    assertThatThrownBy(() -> wallet.exit(5_000_000_000L)) // block 5000
        .isInstanceOf(WalletException.UnknownPosition.class)
        .hasMessage("unknown position 5000000000: the operator has no such output");
    assertThatThrownBy(() -> wallet.exit(1_000_000_009L)) // block 1000, output index 9
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageStartingWith("not an output position: 1000000009");
    assertThatThrownBy(() -> wallet.exit(1_000_000_660_000L)) // tx index 66000
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageStartingWith("not an output position: 1000000660000");
  }

  @Test
  void challengeCommitsThenRevealsWithTheSpendingTransaction() {
    long position = DEPOSIT_1;
    byte[] spendingTx = Transaction.payment(
            List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(BOB, Address.ETH, 5)))
        .encode();
    operator.on(
        "plasma_getChallengeData",
        Map.of(
            "position",
            position,
            "spendingTx",
            Hex.encode(spendingTx),
            "inputIndex",
            0,
            "signature",
            Hex.encode(new byte[65])));

    var reveal = wallet.challenge(position);

    assertThat(rootChain.calls)
        .containsExactly("commitChallenge", "challengeStandardExit " + position + " 0 65");
    byte[] expected =
        Keccak256.hash(Abi.concat(Abi.word(ALICE), Abi.word(position), Keccak256.hash(spendingTx)));
    assertThat(rootChain.lastCommitment).isEqualTo(new Bytes32(expected));
    assertThat(reveal.blockNumber()).isEqualTo(102);
  }

  @Test
  void awaitInclusionPollsUntilTheTransactionIsInACommittedBlock() {
    int[] polls = {0};
    var signed = org.plasma4j.core.tx.TransactionSigner.sign(
        Transaction.payment(
            List.of(OutputPosition.of(1, 0, 0)), List.of(Output.of(ALICE, Address.ETH, 5))),
        rootChain.domain,
        List.of(WalletKey.fromHex(ALICE_KEY).privateKey()));
    Bytes32 hash = signed.txHash();
    Bytes32 root =
        org.plasma4j.core.merkle.MerkleTree.build(List.of(signed.txBytes())).root();
    operator.on("plasma_getTransaction", params -> {
      if (++polls[0] == 4) {
        rootChain.chain.committed(3000L, root, 7);
      }
      return polls[0] < 3
          ? StubOperator.pending(hash.toHex())
          : StubOperator.formed(hash.toHex(), 3000, 0);
    });
    operator.on(
        "plasma_getBlock",
        StubOperator.block(3000, root.toHex(), 7L, List.of(Hex.encode(signed.encode()))));
    var status = wallet.awaitInclusion(hash, Duration.ofSeconds(10));
    assertThat(status.blkNum()).isEqualTo(3000);
    assertThat(status.txIndex()).isZero();
    assertThat(polls[0])
        .as("in a block at the third poll, committed at the fourth")
        .isEqualTo(4);
  }

  @Test
  void processExitsAndWithdrawGoToTheRootChain() {
    wallet.processExits(TestKeys.TOKEN, 5);
    wallet.withdraw(Address.ETH);
    assertThat(rootChain.calls)
        .containsExactly("processExits " + TestKeys.TOKEN + " 5", "withdraw " + Address.ETH);
    assertThatThrownBy(() -> wallet.processExits(Address.ETH, 0))
        .isInstanceOf(WalletException.InvalidInput.class);
  }

  @Test
  void aDepositIntoAFullChainIsRefusedAndNothingIsSent() {
    rootChain.chain.startAt(BlockNumbers.LAST_CHILD_BLOCK + BlockNumbers.CHILD_BLOCK_INTERVAL);
    assertThatThrownBy(() -> wallet.deposit(Address.ETH, BigInteger.TEN))
        .isInstanceOf(WalletException.ChainFull.class)
        .hasMessageContaining("the chain is full")
        .hasMessageContaining(String.valueOf(BlockNumbers.LAST_CHILD_BLOCK));
    assertThat(rootChain.calls).as("nothing sent").isEmpty();
  }

  @Test
  void aDepositBeforeTheLastChildBlockIsTakenIsMade() {
    rootChain.chain.startAt(
        BlockNumbers.LAST_CHILD_BLOCK); // its deposits are spent in the last child block
    assertThat(wallet.deposit(Address.ETH, BigInteger.TEN).amount()).isEqualTo(BigInteger.TEN);
    assertThat(rootChain.calls).containsExactly("deposit " + Address.ETH + " 10");
  }
}
