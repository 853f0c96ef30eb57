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

  /**
   * A high s, a 0/1 recovery id, or both, are the same key's signature: each has the one form the
   * contracts accept, which recovers that key. Another v, or an s of zero or at least n in a form
   * that is not already canonical, has none.
   */
  @Test
  void everyFormOfASignatureHasTheOneCanonicalFormAndNothingElseDoes() {
    Signature sig = DevKeys.ACCOUNT_0.sign(DIGEST);
    Signature high = BadSignatures.malleate(sig);
    byte[] v01 = sig.value();
    v01[64] -= 27;
    byte[] highV01 = high.value();
    highV01[64] -= 27;
    for (Signature form :
        java.util.List.of(sig, high, new Signature(v01), new Signature(highV01))) {
      assertThat(form.canonicalForm()).as("%s", form).contains(sig);
    }
    assertThat(Secp256k1.recover(DIGEST, high.canonicalForm().orElseThrow()))
        .contains(DevKeys.ACCOUNT_0.address());

    byte[] otherV = sig.value();
    otherV[64] = 29;
    byte[] zeroS = sig.value();
    java.util.Arrays.fill(zeroS, 32, 64, (byte) 0);
    zeroS[64] = 0;
    byte[] sAtN = sig.value();
    System.arraycopy(
        org.plasma4j.core.types.Uint256.toWord(Signature.HALF_N.shiftLeft(1).add(BigInteger.ONE)),
        0,
        sAtN,
        32,
        32);
    for (byte[] none : java.util.List.of(otherV, zeroS, sAtN)) {
      assertThat(new Signature(none).canonicalForm()).isEmpty();
    }
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
