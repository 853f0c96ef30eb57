package org.plasma4j.devnet.bench.gas;

import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The one-off cost of a deployment: each contract's creation and the registration of the exit
 * games.
 */
final class DeploymentGas {

  private static final String GROUP = "deployment";

  private DeploymentGas() {}

  /** Measures one deployment and returns it. */
  static Deployment run(L1 l1, Figures out) {
    long before = l1.blockNumber();
    Deployment d = Fixture.deploy(l1).deployment();
    List<TransactionReceipt> receipts = l1.receiptsAfter(before);
    Checks.equal("deployment transactions", 5, receipts.size());
    out.add("deploy.framework", GROUP, "create PlasmaFramework", created(receipts, d.framework()));
    out.add(
        "deploy.inFlight",
        GROUP,
        "create InFlightExitGame",
        created(receipts, d.inFlightExitGame()));
    out.add("deploy.mass", GROUP, "create MassExitGame", created(receipts, d.massExitGame()));
    out.add("deploy.cash", GROUP, "create CashExitGame", created(receipts, d.cashExitGame()));
    TransactionReceipt registered = receipts.stream()
        .filter(r -> r.getTo() != null && Address.fromHex(r.getTo()).equals(d.framework()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no registerExitGames transaction"));
    out.add("deploy.register", GROUP, "registerExitGames", registered);
    return d;
  }

  private static TransactionReceipt created(List<TransactionReceipt> receipts, Address contract) {
    return receipts.stream()
        .filter(r -> r.getContractAddress() != null
            && Address.fromHex(r.getContractAddress()).equals(contract))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no creation of " + contract));
  }
}
