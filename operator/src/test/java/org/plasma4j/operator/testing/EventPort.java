package org.plasma4j.operator.testing;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Builds a fake event port (an interface of {@code List<Event> kind(long fromL1Block, long
 * toL1Block)} methods) from lists of recorded events: a method named in {@code lists} answers with
 * that list's events in the range, any other with an empty list.
 */
final class EventPort {

  /** Recorded events of one kind and how to read an event's root-chain block. */
  record Events<T>(List<T> events, ToLongFunction<T> l1Block) {
    List<T> between(long from, long to) {
      return events.stream()
          .filter(e -> l1Block.applyAsLong(e) >= from && l1Block.applyAsLong(e) <= to)
          .toList();
    }
  }

  private EventPort() {}

  /** The proxy reads the lists while holding {@code lock}, the fake's monitor. */
  static <P> P of(Class<P> port, Object lock, Map<String, Events<?>> lists) {
    return port.cast(Proxy.newProxyInstance(
        port.getClassLoader(),
        new Class<?>[] {port},
        (proxy, method, args) -> switch (method.getName()) {
          case "toString" -> port.getSimpleName() + " fake";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> {
            Events<?> events = lists.get(method.getName());
            if (events == null) {
              yield List.of();
            }
            synchronized (lock) {
              yield events.between((Long) args[0], (Long) args[1]);
            }
          }
        }));
  }
}
