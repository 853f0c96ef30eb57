package org.plasma4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

class Secp256k1Test {
  private static final byte[] DIGEST = Keccak256.hash("plasma".getBytes());

  @Test
  void derivesTheAnvilAddresses() {
    assertThat(DevKeys.ACCOUNT_0.address())
        .isEqualTo(Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    assertThat(DevKeys.ACCOUNT_1.address())
        .isEqualTo(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    assertThat(DevKeys.ACCOUNT_4.address())
        .isEqualTo(Address.fromHex("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"));
  }

  @Test
  void keccakIsEthereumKeccak() {
    assertThat(Hex.encode(Keccak256.hash(new byte[0])))
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void signRecoverRoundTripAndMatchesWeb3j() {
    KeyPair kp = DevKeys.ACCOUNT_2;
    Signature sig = kp.sign(DIGEST);
    assertThat(sig.isCanonical()).isTrue();
    assertThat(sig.v()).isIn(27, 28);
    assertThat(Secp256k1.recover(DIGEST, sig)).contains(kp.address());
    Sign.SignatureData w =
        Sign.signMessage(DIGEST, ECKeyPair.create(kp.privateKey().value()), false);
    assertThat(sig.r()).isEqualTo(new BigInteger(1, w.getR()));
    assertThat(sig.s()).isEqualTo(new BigInteger(1, w.getS()));
    assertThat(sig.v()).isEqualTo(w.getV()[0] & 0xff);
  }

  @Test
  void highSIsMalleableAndNotRecovered() {
    Signature sig = DevKeys.ACCOUNT_0.sign(DIGEST);
    Signature flipped = BadSignatures.malleate(sig);
    assertThat(flipped.isCanonical()).isFalse();
    assertThat(Secp256k1.recover(DIGEST, flipped)).isEmpty();
  }

  @Test
  void wrongVIsNotCanonical() {
    byte[] raw = DevKeys.ACCOUNT_0.sign(DIGEST).value();
    raw[64] = 0;
    assertThat(new Signature(raw).isCanonical()).isFalse();
  }

  @Test
  void garbageRecoversToNoKey() {
    assertThat(Secp256k1.recover(DIGEST, BadSignatures.unrecoverable())).isEmpty();
  }

  @Test
  void privateKeyNeverPrints() {
    assertThat(DevKeys.ACCOUNT_0.privateKey().toString()).doesNotContain("ac0974");
  }
}
