package org.plasma4j.watcher.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.watcher.sync.L1Batch;

class JsonTest {

  private static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
  private static final LogPlace PLACE =
      new LogPlace(17, 4, Bytes32.ofUint(BigInteger.valueOf(0xb10c)));

  @Test
  void aStoredEventKeepsItsPlaceAsFlatFieldsBesideItsOwn() throws Exception {
    DepositEvent deposit = new DepositEvent(
        1, ALICE, Address.ZERO, BigInteger.TEN, Bytes32.ofUint(BigInteger.ONE), 99, PLACE);

    JsonNode stored = Json.MAPPER.readTree(
        Json.codec(L1Batch.class).encode(new L1Batch(17, 17, List.of(deposit))));

    JsonNode event = stored.get("events").get(0);
    assertThat(event.get("@event").asText()).isEqualTo("DepositEvent");
    assertThat(event.get("l1Block").asLong()).isEqualTo(17);
    assertThat(event.get("logIndex").asLong()).isEqualTo(4);
    assertThat(event.get("blockHash").asText()).isEqualTo(PLACE.blockHash().toHex());
    assertThat(event.has("place")).isFalse();
  }

  @Test
  void storedEventsReadBackAtTheirPlace() {
    InFlightExitStarted started = new InFlightExitStarted(
        BigInteger.TWO,
        ALICE,
        Bytes32.ofUint(BigInteger.TEN),
        1_000_000_000L,
        1234,
        Bytes.fromHex("0xc0ffee"),
        List.of(Bytes.fromHex("0x01")),
        PLACE);
    L1Batch batch = new L1Batch(10, 20, List.of(started));

    var codec = Json.codec(L1Batch.class);
    assertThat(codec.decode(codec.encode(batch))).isEqualTo(batch);
  }

  @Test
  void aBatchStoredBeforeEventsCarriedOnePlaceComponentReadsTheSame() {
    String before = "{\"fromBlock\":10,\"toBlock\":20,\"events\":[{\"@event\":\"DepositEvent\","
        + "\"blkNum\":1,\"owner\":\"" + ALICE.toHex() + "\",\"token\":\"" + Address.ZERO.toHex()
        + "\",\"amount\":10,\"root\":\"" + Bytes32.ofUint(BigInteger.ONE).toHex()
        + "\",\"timestamp\":99,\"l1Block\":17,\"logIndex\":4,\"blockHash\":\""
        + PLACE.blockHash().toHex() + "\"}]}";

    L1Batch read = Json.codec(L1Batch.class).decode(before.getBytes(StandardCharsets.UTF_8));

    assertThat(read.events())
        .containsExactly(new DepositEvent(
            1, ALICE, Address.ZERO, BigInteger.TEN, Bytes32.ofUint(BigInteger.ONE), 99, PLACE));
  }
}
