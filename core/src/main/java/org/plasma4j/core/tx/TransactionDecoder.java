package org.plasma4j.core.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.rlp.RlpException;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.rlp.RlpShapeException;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * Bytes to transactions, enforcing every stateless format rule of docs/protocol.md 2.1-2.2. First
 * the whole input is checked as canonical RLP (MALFORMED_RLP), then interpreted field by field, so
 * that each rejection names the first broken rule.
 */
public final class TransactionDecoder {
  private TransactionDecoder() {}

  /** Decodes the wire form RLP([tx, signatures, domain]). */
  public static TxResult<SignedTransaction> decodeSigned(byte[] bytes) {
    if (bytes.length > SignedTransaction.MAX_ENCODED_SIZE) {
      return TxResult.rejected(
          TxRejection.PAYLOAD_TOO_LARGE,
          "signed transaction of " + bytes.length + " bytes exceeds "
              + SignedTransaction.MAX_ENCODED_SIZE);
    }
    return guarded(() -> {
      Rlp.validate(bytes);
      RlpReader top = RlpReader.of(bytes).readList();
      if (top.remainingItems() != 3) {
        throw new Reject(
            TxRejection.MALFORMED_TRANSACTION,
            "a signed transaction has 3 fields: tx, signatures, domain");
      }
      byte[] txBytes = top.readRaw();
      Transaction tx = parseTransaction(txBytes);
      RlpReader sigReader = top.readList();
      List<Signature> signatures = new ArrayList<>(4);
      while (sigReader.hasNext()) {
        signatures.add(new Signature(Bytes.wrap(sigReader.readBytes(Signature.LENGTH))));
      }
      RlpReader d = top.readList();
      if (d.remainingItems() != 2) {
        throw new Reject(
            TxRejection.MALFORMED_TRANSACTION, "a domain has 2 fields: chainId, verifyingContract");
      }
      Domain domain =
          new Domain(d.readLong(), new Address(Bytes.wrap(d.readBytes(Address.LENGTH))));
      return new SignedTransaction(tx, signatures, domain, txBytes, bytes.clone());
    });
  }

  /** Decodes unsigned txBytes (e.g. from an exit or a challenge). */
  public static TxResult<Transaction> decodeTransaction(byte[] txBytes) {
    return guarded(() -> {
      Rlp.validate(txBytes);
      return parseTransaction(txBytes);
    });
  }

  /** Maps the ways parsing fails to rejections: RLP errors, wrong shapes, broken protocol rules. */
  private static <T> TxResult<T> guarded(Supplier<T> parse) {
    try {
      return TxResult.ok(parse.get());
    } catch (RlpException e) {
      return TxResult.rejected(TxRejection.MALFORMED_RLP, e.getMessage());
    } catch (RlpShapeException e) {
      return TxResult.rejected(TxRejection.MALFORMED_TRANSACTION, e.getMessage());
    } catch (Reject e) {
      return TxResult.rejected(e.rejection, e.getMessage());
    }
  }

  private static Transaction parseTransaction(byte[] txBytes) {
    RlpReader r = RlpReader.of(txBytes).readList();
    if (r.remainingItems() != 4) {
      throw new Reject(
          TxRejection.MALFORMED_TRANSACTION,
          "a transaction has 4 fields: txType, inputs, outputs, metadata");
    }
    long txType = r.readLong();
    if (txType != Transaction.TYPE_PAYMENT && txType != Transaction.TYPE_FEE) {
      throw new Reject(TxRejection.MALFORMED_TRANSACTION, "unknown txType " + txType);
    }
    // the rules in the contracts' order (docs/protocol.md 2.1), so both sides name the same broken
    // rule
    List<OutputPosition> inputs = parseInputs(r.readList());
    if (txType == Transaction.TYPE_FEE && !inputs.isEmpty()) {
      throw new Reject(TxRejection.MALFORMED_TRANSACTION, "a fee transaction has no inputs");
    }
    List<Output> outputs = parseOutputs(r.readList());
    if (txType == Transaction.TYPE_PAYMENT && inputs.isEmpty() && outputs.size() != 1) {
      throw new Reject(
          TxRejection.DEPOSIT_NOT_ONE_OUTPUT,
          "a payment without inputs is a deposit, with one output, not " + outputs.size());
    }
    Bytes32 metadata = new Bytes32(Bytes.wrap(r.readBytes(Bytes32.LENGTH)));
    return new Transaction((int) txType, inputs, outputs, metadata);
  }

  private static List<OutputPosition> parseInputs(RlpReader r) {
    int n = r.remainingItems();
    if (n > Transaction.MAX_INPUTS) {
      throw new Reject(
          TxRejection.TOO_MANY_INPUTS, n + " inputs, at most " + Transaction.MAX_INPUTS);
    }
    List<OutputPosition> inputs = new ArrayList<>(n);
    long[] seen = new long[n];
    for (int i = 0; i < n; i++) {
      BigInteger input = r.readUint256();
      if (input.bitLength() > 63 || !OutputPosition.isValid(input.longValue())) {
        throw new Reject(
            TxRejection.INVALID_INPUT_POSITION,
            "input " + i + " is not an output position: " + input);
      }
      long position = input.longValue();
      for (int j = 0; j < i; j++) {
        if (seen[j] == position) {
          throw new Reject(
              TxRejection.DUPLICATE_INPUTS, "position " + position + " is spent twice");
        }
      }
      seen[i] = position;
      inputs.add(OutputPosition.decode(position));
    }
    return inputs;
  }

  private static List<Output> parseOutputs(RlpReader r) {
    int n = r.remainingItems();
    if (n == 0 || n > Transaction.MAX_OUTPUTS) {
      throw new Reject(
          TxRejection.TOO_MANY_OUTPUTS, n + " outputs, need 1 to " + Transaction.MAX_OUTPUTS);
    }
    List<Output> outputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RlpReader o = r.readList();
      if (o.remainingItems() != 4) {
        throw new Reject(TxRejection.MALFORMED_TRANSACTION, "output " + i + " needs 4 fields");
      }
      if (o.readLong() != Output.OUTPUT_TYPE_PAYMENT) {
        throw new Reject(
            TxRejection.MALFORMED_TRANSACTION, "output " + i + " has an unknown outputType");
      }
      Address owner = new Address(Bytes.wrap(o.readBytes(Address.LENGTH)));
      if (owner.isZero()) {
        throw new Reject(
            TxRejection.MALFORMED_TRANSACTION, "output " + i + " is owned by the zero address");
      }
      Address token = token(o.readBytes(Address.LENGTH));
      BigInteger amount = o.readUint256();
      if (amount.signum() == 0) {
        throw new Reject(TxRejection.ZERO_AMOUNT, "output " + i + " has amount zero");
      }
      if (!Output.isPayable(amount)) {
        throw new Reject(
            TxRejection.AMOUNT_TOO_LARGE, "output " + i + " has amount " + amount + " >= 2^192");
      }
      outputs.add(new Output(owner, token, amount));
    }
    return outputs;
  }

  private static final byte[] ETH_BYTES = Address.ETH.value();

  /**
   * ETH, the token of most outputs, as the one shared instance: a node that keeps every output it
   * has seen (the watcher) would otherwise hold three objects per output for the same twenty zeros.
   */
  private static Address token(byte[] raw) {
    return Arrays.equals(raw, ETH_BYTES) ? Address.ETH : new Address(Bytes.wrap(raw));
  }

  /** Internal control flow for a broken rule; stackless because bad input is routine. */
  private static final class Reject extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TxRejection rejection;

    Reject(TxRejection rejection, String message) {
      super(message, null, false, false);
      this.rejection = rejection;
    }
  }
}
