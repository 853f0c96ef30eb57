package org.plasma4j.node.metrics;

import java.util.List;

/**
 * Whether a node can do its job now: answers /ready. A check that throws counts as failed with its
 * message, so an unreachable root chain reads as "not ready", never as a broken endpoint.
 */
@FunctionalInterface
public interface Readiness {

  List<Check> checks();

  /** The checks, each guarded: a throwing check fails with its message instead. */
  static List<Check> evaluate(List<NamedCheck> checks) {
    return checks.stream().map(NamedCheck::evaluate).toList();
  }

  /** A check by name whose body may throw. */
  record NamedCheck(String name, java.util.function.Supplier<Check> body) {
    Check evaluate() {
      try {
        return body.get();
      } catch (RuntimeException e) {
        return Check.failed(name, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
