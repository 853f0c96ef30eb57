package org.plasma4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A mass exit of 100 outputs costs more gas than any fixed call limit the clients once used (3
 * million): its start and its withdrawal go out with the node's estimate, and the owner is paid to
 * the wei.
 */
class LargeMassExitIT {

  private static final int OUTPUTS = 100;
  private Devnet devnet;

  @BeforeEach
  void start() {
    devnet = Devnet.start(Devnet.Options.defaults());
  }

  @AfterEach
  void stop() {
    devnet.close();
  }

  @Test
  void aHundredOutputMassExitStartsAndIsWithdrawnOnItsEstimate() throws Exception {
    PlasmaWallet alice = devnet.wallet(7);
    PlasmaWallet processor = devnet.wallet(4);
    BigInteger each = Devnet.ETHER.divide(BigInteger.valueOf(100));
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < OUTPUTS; i++) {
      positions.add(alice.deposit(Address.ETH, each).position());
    }
    alice.awaitSpendable(positions.getLast(), Duration.ofSeconds(60));
    BigInteger before = alice.l1Balance(Address.ETH);

    RootChainActions.MassExit batch = alice.massExit(Address.ETH, positions);
    TransactionReceipt start = receipt(batch.receipt());
    assertThat(start.isStatusOK()).isTrue();
    assertThat(start.getGasUsed()).isGreaterThan(BigInteger.valueOf(3_000_000));
    assertThat(batch.leaves()).hasSize(OUTPUTS);

    devnet.anvil().increaseTime(3 * devnet.params().minExitPeriodSeconds());
    processor.processExits(Address.ETH, 10);
    RootChainActions.L1Receipt withdrawal = processor.withdrawMassExit(batch);
    assertThat(receipt(withdrawal).isStatusOK()).isTrue();

    BigInteger bounties =
        devnet.params().massExitBountyPerOutput().multiply(BigInteger.valueOf(OUTPUTS));
    BigInteger startGas = start
        .getGasUsed()
        .multiply(org.web3j.utils.Numeric.decodeQuantity(start.getEffectiveGasPrice()));
    assertThat(alice.l1Balance(Address.ETH))
        .isEqualTo(before
            .add(each.multiply(BigInteger.valueOf(OUTPUTS)))
            .subtract(bounties)
            .subtract(startGas));
  }

  private TransactionReceipt receipt(RootChainActions.L1Receipt r) throws java.io.IOException {
    return devnet
        .web3j()
        .ethGetTransactionReceipt(r.txHash())
        .send()
        .getTransactionReceipt()
        .orElseThrow();
  }
}
