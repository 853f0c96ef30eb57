package org.plasma4j.devnet.demo;

import java.io.PrintStream;
import org.plasma4j.devnet.Devnet;

/** One demo story, told on a running devnet; it records every check it makes. */
public interface Scenario {

  String name();

  String description();

  void run(Devnet devnet, PrintStream out, Checks checks);

  /**
   * The devnet this story needs, given the demo's defaults (a hostile story makes its operator
   * hostile).
   */
  default Devnet.Options options(Devnet.Options defaults) {
    return defaults;
  }
}
