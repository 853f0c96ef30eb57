package org.plasma4j.guardian;

import java.util.function.Consumer;
import org.plasma4j.core.types.Address;

/**
 * Carries out the guardian's actions on the root chain, each from the key that must send it (the
 * owner for exits and piggybacks, the sender for its in-flight exit). Waits for the receipts.
 */
public interface ActionExecutor {

  /**
   * @param broadcasting called with each transaction's hash before it is broadcast: the guardian
   *     journals it then, so a crash at any point leaves a hash to look up and never a second send
   * @throws RuntimeException if the action failed or reverted; the message goes into the report
   */
  Outcome execute(Action action, Consumer<String> broadcasting);

  /** Where an action journaled as sent stands now (see {@link Reconciled}). */
  Reconciled reconcile(JournalEntry sent);

  /** The key that sends {@code action}. */
  Address sender(Action action);
}
