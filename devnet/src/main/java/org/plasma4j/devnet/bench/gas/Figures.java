package org.plasma4j.devnet.bench.gas;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Collects the measured receipts of one benchmark run, in the order they were measured. */
final class Figures {

  private final List<GasFigure> figures = new ArrayList<>();
  private final List<GasBreakdown> breakdowns = new ArrayList<>();
  private final PrintStream progress;

  Figures(PrintStream progress) {
    this.progress = progress;
  }

  TransactionReceipt add(String id, String group, String call, TransactionReceipt receipt) {
    return add(id, group, call, receipt, 1);
  }

  /** Records {@code receipt}'s gasUsed as handling {@code units} exits or outputs. */
  TransactionReceipt add(
      String id, String group, String call, TransactionReceipt receipt, int units) {
    GasFigure f = new GasFigure(id, group, call, receipt.getGasUsed().longValueExact(), units);
    figures.add(f);
    progress.printf("  %-13s %-80s %,11d%n", group, call, f.gas());
    return receipt;
  }

  /**
   * Breaks down the transaction of figure {@code id} (already added) with a call trace of it, in
   * the deployment {@code f} it was measured in.
   */
  GasBreakdown breakDown(Fixture f, String id, TransactionReceipt receipt) {
    GasFigure figure = figures.stream()
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no figure " + id));
    GasBreakdown b = Traces.breakDown(f, id, figure.call(), receipt, figure.units());
    Checks.equal("gasUsed of the broken-down " + id, figure.gas(), b.gasUsed());
    breakdowns.add(b);
    return b;
  }

  List<GasFigure> all() {
    return List.copyOf(figures);
  }

  List<GasBreakdown> breakdowns() {
    return List.copyOf(breakdowns);
  }
}
