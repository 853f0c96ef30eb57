package org.plasma4j.core.types;

/** A 20-byte Ethereum address: an output owner, a token (zero = ETH), or a contract. */
public record Address(Bytes bytes) implements Comparable<Address> {
  public static final int LENGTH = 20;
  /** The zero address; as a token it means ETH. */
  public static final Address ZERO = new Address(new byte[LENGTH]);

  public static final Address ETH = ZERO;

  public Address {
    bytes.requireLength(LENGTH, "an address");
  }

  public Address(byte[] value) {
    this(Bytes.of(value));
  }

  public static Address fromHex(String hex) {
    return new Address(Bytes.fromHex(hex));
  }

  /** A copy of the 20 bytes. */
  public byte[] value() {
    return bytes.toArray();
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  public String toHex() {
    return bytes.toHex();
  }

  /** Unsigned byte order, the same order as uint160 on chain; gives fee outputs a stable order. */
  @Override
  public int compareTo(Address o) {
    return bytes.compareTo(o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
