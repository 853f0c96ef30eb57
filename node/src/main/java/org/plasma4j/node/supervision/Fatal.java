package org.plasma4j.node.supervision;

/**
 * What a process does when it cannot go on. After an {@link OutOfMemoryError} (or any other
 * {@link VirtualMachineError}) no part of the process can be trusted to work: a node that keeps
 * answering requests while its block producer is dead acknowledges payments it will never include.
 * So the process ends, loudly and with a non-zero status, and its supervisor starts it again;
 * everything acknowledged is already durable. Tests inject a {@code Fatal} that records the call
 * instead.
 */
@FunctionalInterface
public interface Fatal {

  /** The exit status of a process ended by {@link #exitProcess()}: EX_SOFTWARE of sysexits.h. */
  int EXIT_STATUS = 70;

  /** Ends the process (in production); {@code where} names the task that met {@code error}. */
  void halt(String where, Throwable error);

  /** Errors after which the process must not go on. */
  static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError;
  }

  /**
   * Prints why to stderr and halts at once with {@link #EXIT_STATUS}. Halting skips shutdown hooks
   * on purpose: they need memory and locks that a broken process may not have.
   */
  static Fatal exitProcess() {
    return (where, error) -> {
      try {
        System.err.println("FATAL: " + error + " in " + where + "; exiting with status "
            + EXIT_STATUS + " so that a supervisor restarts the process");
        System.err.flush();
      } finally {
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    };
  }
}
