package org.plasma4j.wallet.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;

class CoinStoreTest {

  @TempDir
  Path dir;

  private static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
  private static final Address TOKEN = Address.fromHex("0x" + "70".repeat(20));

  static StoredCoin coin(long slot, long coinBlock, byte... history) {
    return new StoredCoin(
        slot,
        TOKEN,
        1,
        BigInteger.valueOf(5_000),
        999,
        ALICE,
        coinBlock,
        coinBlock + 2000,
        Bytes.wrap(history));
  }

  @Test
  void savesAndLoadsEveryField() {
    CoinStore store = new CoinStore(dir);
    StoredCoin c = coin(7, 3000, (byte) 1, (byte) 2, (byte) 3);
    store.save(c);
    assertEquals(Optional.of(c), store.load(7));
    assertEquals(List.of(c), store.all());
  }

  @Test
  void theLargestSlotHasItsOwnUnsignedFile() {
    CoinStore store = new CoinStore(dir);
    StoredCoin c = coin(-1L, 1000);
    store.save(c);
    assertTrue(Files.exists(dir.resolve("18446744073709551615.coin")));
    assertEquals(Optional.of(c), store.load(-1L));
  }

  @Test
  void aSaveReplacesTheRecordWhole() {
    CoinStore store = new CoinStore(dir);
    store.save(coin(1, 1000, new byte[500]));
    StoredCoin newer = coin(1, 4000, (byte) 9);
    store.save(newer);
    assertEquals(List.of(newer), store.all());
  }

  @Test
  void aCrashBeforeTheRenameLeavesTheOldRecordAndATmpFileThatIsIgnored() throws Exception {
    CoinStore store = new CoinStore(dir);
    StoredCoin old = coin(2, 1000, (byte) 1);
    store.save(old);
    // what a crash mid-write leaves behind: a torn temporary file beside the real one
    Files.write(dir.resolve(".2.coin.tmp"), new byte[] {'P', '4', 'J'});
    assertEquals(List.of(old), store.all());
    StoredCoin next = coin(2, 2000, (byte) 2);
    store.save(next);
    assertEquals(Optional.of(next), store.load(2));
    assertEquals(1, Files.list(dir).count(), "the temporary file was renamed into place");
  }

  @Test
  void aTornOrEditedFileIsRefusedNotHalfRead() throws Exception {
    CoinStore store = new CoinStore(dir);
    store.save(coin(3, 1000, (byte) 1, (byte) 2));
    Path f = store.file(3);
    byte[] bytes = Files.readAllBytes(f);
    bytes[20] ^= 1;
    Files.write(f, bytes);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load(3));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    Files.write(f, java.util.Arrays.copyOf(bytes, 30));
    assertThrows(IllegalStateException.class, () -> store.load(3));
  }

  @Test
  void deleteForgetsTheCoin() {
    CoinStore store = new CoinStore(dir);
    store.save(coin(4, 1000));
    store.delete(4);
    assertEquals(Optional.empty(), store.load(4));
    assertEquals(List.of(), store.all());
  }

  @Test
  void aRecordOutOfOrderIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new StoredCoin(1, TOKEN, 1, BigInteger.ONE, 2000, ALICE, 1000, 3000, Bytes.EMPTY));
    assertThrows(
        IllegalArgumentException.class,
        () -> new StoredCoin(1, TOKEN, 3, BigInteger.ONE, 1000, ALICE, 1000, 3000, Bytes.EMPTY));
  }

  @Test
  void aBundleRoundTripsThroughTheInbox() {
    BundleInbox inbox = new BundleInbox(dir.resolve("inbox"));
    CoinBundle b = new CoinBundle(
        5,
        Address.ETH,
        0,
        BigInteger.TEN,
        999,
        ALICE,
        Bytes.wrap(new byte[101]),
        2000,
        Bytes.wrap(new byte[] {4, 5}));
    Path f = inbox.deliver(b);
    assertEquals(List.of(f), inbox.pending());
    assertEquals(b, CoinBundle.decode(readAll(f)));
    inbox.remove(f);
    assertEquals(List.of(), inbox.pending());
  }

  private static byte[] readAll(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
