package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

class WalletKeyTest {

  @Test
  void fromHexDerivesTheAddressAndNeverPrintsTheKey() {
    WalletKey key = WalletKey.fromHex(TestKeys.ALICE_KEY);
    assertThat(key.address()).isEqualTo(TestKeys.ALICE);
    assertThat(key.credentials().getAddress()).isEqualTo(TestKeys.ALICE.toHex());
    assertThat(key.toString()).doesNotContain(TestKeys.ALICE_KEY.substring(2, 20));
  }

  @Test
  void badHexIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> WalletKey.fromHex("0x1234secret"))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("not a private key: expected 64 hex digits (32 bytes), optionally 0x-prefixed");
  }

  @Test
  void decryptsAV3Keystore(@TempDir Path dir) throws Exception {
    ECKeyPair pair =
        ECKeyPair.create(new java.math.BigInteger(TestKeys.ALICE_KEY.substring(2), 16));
    String name = WalletUtils.generateWalletFile("hunter2", pair, dir.toFile(), false);
    Path password = Files.writeString(dir.resolve("pw"), "hunter2\n");

    assertThat(WalletKey.fromKeystore(dir.resolve(name), password).address())
        .isEqualTo(TestKeys.ALICE);
    assertThatThrownBy(() -> WalletKey.fromKeystore(dir.resolve(name), "wrong"))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("wrong password");
    assertThatThrownBy(() -> WalletKey.fromKeystore(dir.resolve("missing.json"), "x"))
        .hasMessageStartingWith("keystore file not found");
  }
}
