package org.plasma4j.core.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.InMemoryL1;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * What keeps a new event kind one record line: every kind is a record of its own fields with one
 * {@link LogPlace} last, and nothing else to write; the place's parts come from the interface.
 */
class L1EventKindsTest {

  @Test
  void everyKindIsARecordOfItsFieldsWithOnePlaceLastAndOnlyItsCanonicalConstructor() {
    for (Class<?> kind : L1Event.class.getPermittedSubclasses()) {
      assertThat(kind.isRecord()).as(kind.getSimpleName()).isTrue();
      RecordComponent[] components = kind.getRecordComponents();
      assertThat(components[components.length - 1].getType())
          .as(kind.getSimpleName())
          .isEqualTo(LogPlace.class);
      assertThat(Arrays.stream(components).filter(c -> c.getType() == LogPlace.class))
          .as(kind.getSimpleName())
          .hasSize(1);
      assertThat(kind.getDeclaredConstructors()).as(kind.getSimpleName()).hasSize(1);
    }
  }

  @Test
  void theBlockLogIndexAndHashOfAnEventAreItsPlaces() {
    LogPlace place = new LogPlace(12, 3, Bytes32.ofUint(BigInteger.valueOf(77)));
    L1Event event = new ExitGameEvents.ExitOmitted(5, Address.ZERO, place);

    assertThat(event.l1Block()).isEqualTo(12);
    assertThat(event.logIndex()).isEqualTo(3);
    assertThat(event.blockHash()).isEqualTo(place.blockHash());
  }

  @Test
  void anEventBuiltInABlockIsPlacedByTheTestChainWithItsFieldsKept() {
    InMemoryL1 l1 = new InMemoryL1(10, 1_000);
    var first = l1.appendAtHead(
        new CashGameEvents.CoinWithdrawn(7, Address.ZERO, Address.ZERO, LogPlace.inBlock(0)));
    var second =
        l1.appendAtHead(new RootChain.ExitChallengedEvent(9, Address.ZERO, LogPlace.inBlock(0)));

    assertThat(first.place()).isEqualTo(new LogPlace(10, 0, l1.blockHash(10).orElseThrow()));
    assertThat(first.slot()).isEqualTo(7);
    assertThat(second.place()).isEqualTo(new LogPlace(10, 1, l1.blockHash(10).orElseThrow()));
    assertThat(second.position()).isEqualTo(9);
  }
}
