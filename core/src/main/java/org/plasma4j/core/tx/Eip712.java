package org.plasma4j.core.tx;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Abi;
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

  public static Bytes32 hashTransaction(Transaction tx) {
    List<OutputPosition> inputs = tx.inputs();
    byte[] packedInputs = new byte[32 * inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      System.arraycopy(Abi.word(inputs.get(i).encode()), 0, packedInputs, 32 * i, 32);
    }
    List<Output> outputs = tx.outputs();
    byte[] packedOutputs = new byte[32 * outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      System.arraycopy(hashOutputBytes(outputs.get(i)), 0, packedOutputs, 32 * i, 32);
    }
    return new Bytes32(Keccak256.hashConcat(
        TRANSACTION_TYPEHASH.value(),
        Abi.word(tx.txType()),
        Keccak256.hash(packedInputs),
        Keccak256.hash(packedOutputs),
        tx.metadata().value()));
  }

  /** keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashTx): the 32 bytes that are signed. */
  public static byte[] digest(Transaction tx, Bytes32 domainSeparator) {
    return Keccak256.hashConcat(
        new byte[] {0x19, 0x01}, domainSeparator.value(), hashTransaction(tx).value());
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
    return Keccak256.hashConcat(
        OUTPUT_TYPEHASH.value(),
        OUTPUT_TYPE_WORD,
        Abi.word(o.owner()),
        Abi.word(o.token()),
        Abi.word(o.amount()));
  }

  /** keccak256 of an EIP-712 type string. */
  public static Bytes32 typeHash(String type) {
    return new Bytes32(Keccak256.hash(type.getBytes(UTF_8)));
  }
}
