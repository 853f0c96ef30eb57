package org.plasma4j.guardian;

/**
 * Carries out the guardian's actions on the root chain, each from the key that must send it (the
 * owner for exits and piggybacks, the sender for its in-flight exit). Waits for the receipts.
 */
public interface ActionExecutor {

  /** @throws RuntimeException if the action failed or reverted; the message goes into the report */
  Outcome execute(Action action);
}
