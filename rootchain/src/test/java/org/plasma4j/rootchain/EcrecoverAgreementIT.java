package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.testing.BadSignatures;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.Uint256;
import org.plasma4j.devtools.AnvilNode;

/**
 * {@link Signature#canonicalForm} against the root chain's own ecrecover (the precompile the
 * contracts' ECDSA.tryRecover calls once s is low): every form of a real signature (high s, a 0/1
 * recovery id, both) maps to the form that recovers, on anvil, the very address the original form
 * recovers there; the canonical form recovers in Java what it recovers on anvil; and a form with no
 * canonical one (another v, s zero or not below n) recovers nothing on anvil either. Edge values of
 * r and s never throw.
 */
class EcrecoverAgreementIT {

  private static final BigInteger N = Signature.HALF_N.shiftLeft(1).add(BigInteger.ONE);
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static AnvilNode anvil;

  @BeforeAll
  static void start() {
    anvil = AnvilNode.start();
  }

  @AfterAll
  static void stop() {
    anvil.close();
  }

  /** The precompile at 0x01 on anvil, with v as a full word: empty where it recovers no key. */
  static Optional<Address> ecrecover(byte[] digest, int v, BigInteger r, BigInteger s) {
    String data = Hex.encode(digest)
        + Hex.encode(Uint256.toWord(BigInteger.valueOf(v))).substring(2)
        + Hex.encode(Uint256.toWord(r)).substring(2)
        + Hex.encode(Uint256.toWord(s)).substring(2);
    String out = anvil.call(
        "eth_call",
        "[{\"to\":\"0x0000000000000000000000000000000000000001\",\"data\":\"" + data
            + "\"},\"latest\"]");
    if (out.length() <= 2) {
      return Optional.empty();
    }
    return Optional.of(Address.fromHex("0x" + out.substring(out.length() - 40)));
  }

  static Signature sig(BigInteger r, BigInteger s, int v) {
    byte[] out = new byte[Signature.LENGTH];
    System.arraycopy(Uint256.toWord(r), 0, out, 0, 32);
    System.arraycopy(Uint256.toWord(s), 0, out, 32, 32);
    out[64] = (byte) v;
    return new Signature(out);
  }

  static byte[] digest(int i) {
    return Keccak256.hash(("digest " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void everyFormOfARealSignatureRecoversOnL1TheKeyItsCanonicalFormRecoversInJava() {
    int checked = 0;
    for (int i = 0; i < 8; i++) {
      byte[] digest = digest(i);
      for (KeyPair key : DevKeys.all()) {
        Signature low = key.sign(digest);
        Signature high = BadSignatures.malleate(low);
        for (Signature form : List.of(low, high)) {
          for (int shift : new int[] {0, -27}) {
            Signature f = sig(form.r(), form.s(), form.v() + shift);
            Signature canonical = f.canonicalForm().orElseThrow();
            assertThat(canonical).isEqualTo(low);
            // the EVM's own ecrecover of the 27/28 form, high s or not, is the key the accepted
            // form recovers: bringing a form to the canonical one never changes the signer
            assertThat(ecrecover(digest, form.v(), form.r(), form.s()))
                .contains(key.address())
                .isEqualTo(ecrecover(digest, canonical.v(), canonical.r(), canonical.s()))
                .isEqualTo(Secp256k1.recover(digest, canonical));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(8 * 5 * 4);
  }

  @Test
  void edgeValuesOfRSAndVRecoverInJavaExactlyWhatTheyRecoverOnL1() {
    byte[] digest = digest(99);
    Signature real = DevKeys.ACCOUNT_1.sign(digest);
    BigInteger half = Signature.HALF_N;
    List<BigInteger> rs =
        List.of(BigInteger.ZERO, BigInteger.ONE, real.r(), N.subtract(BigInteger.ONE), N, MAX);
    List<BigInteger> ss = List.of(
        BigInteger.ZERO,
        BigInteger.ONE,
        real.s(),
        half,
        half.add(BigInteger.ONE),
        N.subtract(real.s()),
        N.subtract(BigInteger.ONE),
        N,
        MAX);
    int[] vs = {0, 1, 2, 3, 26, 27, 28, 29, 255};
    List<String> disagreements = new ArrayList<>();
    int recovered = 0;
    for (BigInteger r : rs) {
      for (BigInteger s : ss) {
        for (int v : vs) {
          Signature f = sig(r, s, v);
          Optional<Signature> canonical = f.canonicalForm();
          Optional<Address> java = canonical.flatMap(c -> Secp256k1.recover(digest, c));
          // L1 reads the canonical form where there is one; otherwise the form itself, which
          // ECDSA.tryRecover refuses if s is high and ecrecover if v or the point is bad
          Optional<Address> l1 = canonical.isPresent()
              ? ecrecover(
                  digest,
                  canonical.get().v(),
                  canonical.get().r(),
                  canonical.get().s())
              : s.compareTo(half) > 0 ? Optional.empty() : ecrecover(digest, v, r, s);
          if (!java.equals(l1)) {
            disagreements.add("r=" + r + " s=" + s + " v=" + v + ": java " + java + ", L1 " + l1);
          }
          if (canonical.isPresent()) {
            assertThat(canonical.get().isCanonical()).isTrue();
          } else {
            // no canonical form: the EVM recovers no key from the form as it is either
            assertThat(ecrecover(digest, v, r, s)).as("r=%s s=%s v=%d", r, s, v).isEmpty();
          }
          if (java.isPresent()) {
            recovered++;
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    // the real signature's four forms recover its key; r = 1 with some s recovers some key too
    assertThat(recovered).isGreaterThanOrEqualTo(4);
  }
}
