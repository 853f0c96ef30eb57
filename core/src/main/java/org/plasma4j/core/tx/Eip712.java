package org.plasma4j.core.tx;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Abi;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The EIP-712 typed-data hash of a transaction (docs/protocol.md 2.3), i.e. what
 * eth_signTypedData_v4 signs, so that any wallet can show the inputs and outputs it signs.
 */
public final class Eip712 {
  public static final String NAME = "Plasma4j";
  public static final String VERSION = "1";
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
  public static final String OUTPUT_TYPE =
      "Output(uint256 outputType,address owner,address token,uint256 amount)";
  /** Referenced struct types are appended to the primary type, as EIP-712 requires. */
  public static final String TRANSACTION_TYPE =
      "Transaction(uint256 txType,uint256[] inputs,Output[] outputs,bytes32 metadata)"
          + OUTPUT_TYPE;

  public static final Bytes32 DOMAIN_TYPEHASH = typeHash(DOMAIN_TYPE);
  public static final Bytes32 OUTPUT_TYPEHASH = typeHash(OUTPUT_TYPE);
  public static final Bytes32 TRANSACTION_TYPEHASH = typeHash(TRANSACTION_TYPE);

  private static final byte[] NAME_HASH = Keccak256.hash(NAME.getBytes(UTF_8));
  private static final byte[] VERSION_HASH = Keccak256.hash(VERSION.getBytes(UTF_8));
  private static final byte[] OUTPUT_TYPE_WORD = Abi.word(Output.OUTPUT_TYPE_PAYMENT);
  private static final byte[] OUTPUT_TYPEHASH_BYTES = OUTPUT_TYPEHASH.value();
  private static final byte[] TRANSACTION_TYPEHASH_BYTES = TRANSACTION_TYPEHASH.value();

  private Eip712() {}

  /**
   * The last domain's separator: a node sees one domain in nearly every transaction, and the
   * separator costs two keccak permutations.
   */
  private static volatile Separator lastSeparator;

  private record Separator(Domain domain, Bytes32 value) {}

  public static Bytes32 domainSeparator(Domain domain) {
    Separator last = lastSeparator;
    if (last != null && last.domain().equals(domain)) {
      return last.value();
    }
    Bytes32 value = computeDomainSeparator(domain);
    lastSeparator = new Separator(domain, value);
    return value;
  }

  private static Bytes32 computeDomainSeparator(Domain domain) {
    return new Bytes32(Keccak256.hashConcat(
        DOMAIN_TYPEHASH.value(),
        NAME_HASH,
        VERSION_HASH,
        Abi.word(domain.chainId()),
        Abi.word(domain.verifyingContract())));
  }

  public static Bytes32 hashOutput(Output o) {
    return new Bytes32(hashOutputBytes(o));
  }

  /**
   * hashStruct(Transaction). Every word is written straight into one buffer (the inputs' words,
   * then the outputs' struct hashes, then the five-word struct) so that a transaction's four to six
   * hashes allocate nothing but the buffer and their digests.
   */
  public static Bytes32 hashTransaction(Transaction tx) {
    List<OutputPosition> inputs = tx.inputs();
    List<Output> outputs = tx.outputs();
    byte[] buf = new byte[Math.max(STRUCT_BYTES, 32 * Math.max(inputs.size(), outputs.size()))];
    for (int i = 0; i < inputs.size(); i++) {
      putLongWord(buf, 32 * i, inputs.get(i).encode());
    }
    byte[] inputsHash = Keccak256.hash(buf, 0, 32 * inputs.size());
    byte[] outputHashes = new byte[32 * outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      System.arraycopy(hashOutputBytes(outputs.get(i), buf), 0, outputHashes, 32 * i, 32);
    }
    byte[] outputsHash = Keccak256.hash(outputHashes);
    System.arraycopy(TRANSACTION_TYPEHASH_BYTES, 0, buf, 0, 32);
    putLongWord(buf, 32, tx.txType());
    System.arraycopy(inputsHash, 0, buf, 64, 32);
    System.arraycopy(outputsHash, 0, buf, 96, 32);
    tx.metadata().bytes().copyTo(buf, 128);
    return new Bytes32(Keccak256.hash(buf, 0, STRUCT_BYTES));
  }

  /** Five words: the type hash and four members (both structs have four). */
  private static final int STRUCT_BYTES = 5 * 32;

  /** Writes {@code v} as a uint256 word at {@code at} (the 24 leading bytes zero). */
  private static void putLongWord(byte[] buf, int at, long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative uint: " + v);
    }
    java.util.Arrays.fill(buf, at, at + 24, (byte) 0);
    for (int i = at + 31; i >= at + 24; i--, v >>>= 8) {
      buf[i] = (byte) v;
    }
  }

  /** keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashTx): the 32 bytes that are signed. */
  public static byte[] digest(Transaction tx, Bytes32 domainSeparator) {
    byte[] signed = new byte[2 + 32 + 32];
    signed[0] = 0x19;
    signed[1] = 0x01;
    domainSeparator.bytes().copyTo(signed, 2);
    hashTransaction(tx).bytes().copyTo(signed, 34);
    return Keccak256.hash(signed);
  }

  public static byte[] digest(Transaction tx, Domain domain) {
    return digest(tx, domain.separator());
  }

  /**
   * keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash) for any struct signed under the domain.
   */
  public static byte[] typedDigest(Bytes32 domainSeparator, Bytes32 structHash) {
    return Keccak256.hashConcat(
        new byte[] {0x19, 0x01}, domainSeparator.value(), structHash.value());
  }

  private static byte[] hashOutputBytes(Output o) {
    return hashOutputBytes(o, new byte[STRUCT_BYTES]);
  }

  /** hashStruct(Output), encoded in the first five words of {@code buf}. */
  private static byte[] hashOutputBytes(Output o, byte[] buf) {
    System.arraycopy(OUTPUT_TYPEHASH_BYTES, 0, buf, 0, 32);
    System.arraycopy(OUTPUT_TYPE_WORD, 0, buf, 32, 32);
    putAddressWord(buf, 64, o.owner());
    putAddressWord(buf, 96, o.token());
    System.arraycopy(Abi.word(o.amount()), 0, buf, 128, 32);
    return Keccak256.hash(buf, 0, STRUCT_BYTES);
  }

  private static void putAddressWord(byte[] buf, int at, Address a) {
    java.util.Arrays.fill(buf, at, at + 12, (byte) 0);
    a.bytes().copyTo(buf, at + 12);
  }

  /** keccak256 of an EIP-712 type string. */
  public static Bytes32 typeHash(String type) {
    return new Bytes32(Keccak256.hash(type.getBytes(UTF_8)));
  }
}
