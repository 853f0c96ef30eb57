package org.plasma4j.watcher.exits;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitEscrowShort;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

class ExitBookTest {

  @Test
  void aShortEscrowIsKeptOnItsMassExitAndOnlyThere() {
    Address alice = Address.fromHex("0x" + "a1".repeat(20));
    List<MassExitLeaf> leaves =
        List.of(new MassExitLeaf(1_000_000_000L, Bytes32.ofUint(1), alice, BigInteger.TEN));
    ExitBook book = new ExitBook();
    book.apply(new MassExitStarted(
        BigInteger.ONE, alice, Address.ZERO, 5, 1, leaves, LogPlace.inBlock(10)));
    book.apply(new MassExitStarted(
        BigInteger.TWO, alice, Address.ZERO, 5, 1, leaves, LogPlace.inBlock(11)));

    book.apply(new MassExitEscrowShort(
        BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(7), LogPlace.inBlock(12)));
    // a batch nobody started is ignored, like every other event of an unknown batch
    book.apply(new MassExitEscrowShort(
        BigInteger.valueOf(3), BigInteger.TEN, BigInteger.ONE, LogPlace.inBlock(12)));

    assertThat(book.massExit(BigInteger.ONE).orElseThrow().shortEscrow())
        .hasValue(BigInteger.valueOf(7));
    assertThat(book.massExit(BigInteger.TWO).orElseThrow().shortEscrow()).isEmpty();
    assertThat(book.massExit(BigInteger.valueOf(3))).isEmpty();
  }
}
