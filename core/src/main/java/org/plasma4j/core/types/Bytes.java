package org.plasma4j.core.types;

import java.util.Arrays;

/** An immutable byte string (tx bytes, proofs, signatures), so records can hold bytes by value. */
public final class Bytes implements Comparable<Bytes> {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies, so later changes to the caller's array cannot change this value. */
  public static Bytes of(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  /** Takes ownership without copying; for freshly created arrays on hot paths. */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes);
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(Hex.decode(hex));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /**
   * Copies the bytes into {@code destination} from {@code offset}, without an intermediate copy.
   */
  public void copyTo(byte[] destination, int offset) {
    System.arraycopy(bytes, 0, destination, offset, bytes.length);
  }

  public int length() {
    return bytes.length;
  }

  public byte get(int index) {
    return bytes[index];
  }

  /** Returns this, or throws if it does not have exactly {@code length} bytes. */
  public Bytes requireLength(int length, String what) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " has " + length + " bytes, got " + bytes.length);
    }
    return this;
  }

  /** Unsigned lexicographic order (numeric order for equal lengths). */
  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
