package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.plasma4j.core.types.Address;

/**
 * A byzantine event whose cause stands now, as the watcher reports it: its wire name
 * (invalid_block, block_withholding, unchallenged_exit, piggyback_available, ...), what it is about
 * ({@code key}), the watcher's details and when the watcher first reported it.
 *
 * @param sinceMillis the watcher's clock when it first reported the event (0 if unknown)
 */
public record ByzantineEvent(
    String kind, String key, Map<String, String> details, long sinceMillis) {

  private static final Set<String> CHAIN_IS_BAD = Set.of("invalid_block", "block_withholding");

  public ByzantineEvent {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** An event with one free-text detail (tests, and watchers that give no more). */
  public ByzantineEvent(String kind, String detail) {
    this(kind, kind + ":" + detail, Map.of("detail", detail), 0);
  }

  /** The details as one line: {@code blkNum=2000 error=...}. */
  public String detail() {
    return details.entrySet().stream()
        .map(d -> d.getKey() + "=" + d.getValue())
        .collect(Collectors.joining(" "));
  }

  /**
   * The chain itself can no longer be trusted with funds: a block breaks the rules or cannot be
   * obtained, so nobody can prove what later blocks spend.
   */
  public boolean chainIsBad() {
    return CHAIN_IS_BAD.contains(kind);
  }

  /**
   * An exit, piggyback or in-flight exit that takes what is not its own and that nobody challenged
   * in time (or that was paid already). The other events are still being handled by challenges and
   * piggybacks, or only inform.
   */
  public boolean isTheft() {
    return kind.startsWith("unchallenged_");
  }

  /**
   * Whether the event can raise the alarm at all; whether it does depends on what it puts at stake.
   */
  public boolean isAlarm() {
    return chainIsBad() || isTheft();
  }

  /**
   * What the vault would pay wrongly, per token, as the watcher's {@code atRisk} detail says
   * ({@code <token>:<amount>,...}); empty if the watcher did not say (then everything counts as at
   * stake) or said something that does not parse.
   */
  public Optional<Map<Address, BigInteger>> atRisk() {
    String v = details.get("atRisk");
    if (v == null) {
      return Optional.empty();
    }
    Map<Address, BigInteger> out = new LinkedHashMap<>();
    try {
      for (String part : v.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int colon = part.lastIndexOf(':');
        BigInteger amount = new BigInteger(part.substring(colon + 1).trim());
        if (amount.signum() < 0) {
          return Optional.empty();
        }
        out.merge(Address.fromHex(part.substring(0, colon).trim()), amount, BigInteger::add);
      }
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    return Optional.of(out);
  }
}
