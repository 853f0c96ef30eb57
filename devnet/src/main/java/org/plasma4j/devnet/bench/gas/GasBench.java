package org.plasma4j.devnet.bench.gas;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;

/**
 * Measures the root-chain contracts' gas from transaction receipts ({@code plasma bench --gas}):
 * starts an anvil of its own on a free port, deploys the framework and its exit games afresh for
 * each scenario, sends every call as a real transaction and reads {@code gasUsed} from its receipt,
 * which is what the sender pays for: the 21,000 base, calldata, execution, net of the storage
 * refund (EIP-3529, at most a fifth of the gas spent). Each scenario also checks that its calls did
 * their work (balances to the wei, queues emptied, outputs reserved, released or marked exited in
 * the framework, escrow arrived, events emitted), so a figure is only reported for a call that did
 * what it is named for. A few transactions are broken down further with a call trace of the same
 * transaction ({@code debug_traceTransaction}, {@code callTracer}): base, calldata, each call to
 * another contract, and the rest.
 */
public final class GasBench {

  private GasBench() {}

  public static GasReport run(PrintStream progress) {
    long started = System.nanoTime();
    try (L1 l1 = L1.start()) {
      progress.println("gas bench: anvil at " + l1.clientVersion() + ", hardfork " + l1.hardfork());
      Figures figures = new Figures(progress);
      StandardExitGas.run(l1, figures);
      MassExitGas.run(l1, figures);
      InFlightExitGas.run(l1, figures);
      CashGas.run(l1, figures);
      Deployment deployment = DeploymentGas.run(l1, figures);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("node", l1.clientVersion());
      env.put("hardfork", l1.hardfork());
      env.put("chainId", Long.toString(l1.chainId()));
      env.put("compiler", SolcMetadata.version(l1.code(deployment.framework())));
      progress.printf(
          "gas bench: %d root-chain blocks (a transaction or a clock jump each) in %.1f s%n",
          l1.blockNumber(), (System.nanoTime() - started) / 1e9);
      return GasReport.of(env, figures.all(), figures.breakdowns(), GasBudget.PLASMA);
    }
  }
}
