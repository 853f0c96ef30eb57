package org.plasma4j.core.cash;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;

/**
 * A coin transfer and its previous owner's EIP-712 signature; wire form txBytes ‖ r ‖ s ‖ v (101
 * bytes).
 */
public record SignedCoinTransfer(CoinTransfer transfer, Signature signature) {
  public static final int LENGTH = CoinTransfer.LENGTH + Signature.LENGTH;

  public SignedCoinTransfer {
    Objects.requireNonNull(transfer, "transfer");
    Objects.requireNonNull(signature, "signature");
  }

  public static SignedCoinTransfer sign(CoinTransfer transfer, PrivateKey key, Domain domain) {
    return new SignedCoinTransfer(transfer, Secp256k1.sign(key, transfer.digest(domain)));
  }

  public static SignedCoinTransfer sign(CoinTransfer transfer, KeyPair key, Domain domain) {
    return sign(transfer, key.privateKey(), domain);
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(transfer.encode(), LENGTH);
    System.arraycopy(signature.value(), 0, out, CoinTransfer.LENGTH, Signature.LENGTH);
    return out;
  }

  /** Parses the 101-byte wire form; any other length is malformed. */
  public static SignedCoinTransfer decode(byte[] wire) {
    if (wire.length != LENGTH) {
      throw new MalformedCoinDataException(
          "a signed coin transfer has " + LENGTH + " bytes, got " + wire.length);
    }
    return new SignedCoinTransfer(
        CoinTransfer.decode(Arrays.copyOf(wire, CoinTransfer.LENGTH)),
        new Signature(Arrays.copyOfRange(wire, CoinTransfer.LENGTH, LENGTH)));
  }

  /**
   * Who signed under {@code domain}; empty for a non-canonical signature or one that recovers no
   * key.
   */
  public Optional<Address> signer(Domain domain) {
    return Secp256k1.recover(transfer.digest(domain), signature);
  }

  public long slot() {
    return transfer.slot();
  }
}
