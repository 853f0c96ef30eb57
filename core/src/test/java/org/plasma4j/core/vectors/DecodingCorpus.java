package org.plasma4j.core.vectors;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.rlp.Rlp;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * Builds contracts/test/vectors/decoding.json: valid and broken transactions from a fixed seed,
 * each with the Java decoder's verdict and, if accepted, a hash of the decoded fields. Forge
 * decodes every entry with {@code PaymentTx.decode} and {@code PaymentOutputReader} and must reach
 * the same verdict and fields.
 *
 * <p>The file also pins the last child block ({@link BlockNumbers#LAST_CHILD_BLOCK}), which forge
 * checks against {@code BlockController.LAST_CHILD_BLOCK}.
 *
 * <p>Cases built to break exactly one rule carry that rule's verdict, which both sides must name
 * alike. Random byte mutations can break several rules at once, and the decoders check RLP and the
 * protocol rules in different interleavings, so for them only "rejected" is shared.
 */
final class DecodingCorpus {
  static final long SEED = 0x504c41534d41L;
  static final BigInteger LIMIT = Output.AMOUNT_LIMIT;
  static final BigInteger MAX_POSITION = BigInteger.valueOf(Long.MAX_VALUE);
  static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private DecodingCorpus() {}

  /** What a decoder says of a byte string; the ordinals are the file's codes. */
  enum Verdict {
    ACCEPTED,
    /** Rejected by any rule (RLP, shape, type, owner, zero amount, duplicates, counts). */
    REJECTED,
    INVALID_INPUT_POSITION,
    DEPOSIT_NOT_ONE_OUTPUT,
    AMOUNT_TOO_LARGE
  }

  /** A corpus entry; {@code intended} is null for random mutations. */
  record Case(byte[] txBytes, Verdict intended) {}

  record RawOutput(BigInteger type, byte[] owner, byte[] token, BigInteger amount) {
    byte[] encode() {
      return Rlp.encodeList(
          Rlp.encodeUint(type),
          Rlp.encodeBytes(owner),
          Rlp.encodeBytes(token),
          Rlp.encodeUint(amount));
    }

    RawOutput withAmount(BigInteger a) {
      return new RawOutput(type, owner, token, a);
    }
  }

  /** A transaction's fields before any rule is applied, so broken ones can be written too. */
  record RawTx(BigInteger type, List<BigInteger> inputs, List<RawOutput> outputs, byte[] metadata) {
    byte[] encode() {
      return Rlp.encodeList(
          Rlp.encodeUint(type),
          Rlp.encodeList(inputs.stream().map(Rlp::encodeUint).toList()),
          Rlp.encodeList(outputs.stream().map(RawOutput::encode).toList()),
          Rlp.encodeBytes(metadata));
    }

    RawTx withInputs(List<BigInteger> in) {
      return new RawTx(type, in, outputs, metadata);
    }

    RawTx withOutputs(List<RawOutput> out) {
      return new RawTx(type, inputs, out, metadata);
    }

    RawTx withType(long t) {
      return new RawTx(BigInteger.valueOf(t), inputs, outputs, metadata);
    }
  }

  static String json() {
    List<Case> cases = cases();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(
        "about",
        "transactions decoded by TransactionDecoder (Java), PaymentTx.decode and PaymentOutputReader"
            + " (Solidity); verdicts: 0 accepted, 1 rejected by any rule, 2 InvalidInputPosition,"
            + " 3 DepositNotOneOutput, 4 AmountTooLarge; fieldsHash: keccak256 of the decoded fields as 32-byte words"
            + " (txType, input count, inputs, output count, then outputType, owner, token, amount per output, metadata);"
            + " lastChildBlock: the last child block the framework takes, which the boundary positions use");
    root.put("lastChildBlock", BlockNumbers.LAST_CHILD_BLOCK);
    root.put("seed", SEED);
    root.put("count", cases.size());
    List<Object> verdicts = new ArrayList<>();
    List<Object> hashes = new ArrayList<>();
    List<Object> bytes = new ArrayList<>();
    for (Case c : cases) {
      TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(c.txBytes());
      verdicts.add(shared(verdictOf(decoded), c).ordinal());
      hashes.add(Hex.encode(decoded.isOk() ? fieldsHash(decoded.value()) : new byte[32]));
      bytes.add(Hex.encode(c.txBytes()));
    }
    root.put("verdicts", verdicts);
    root.put("fieldsHash", hashes);
    root.put("txBytes", bytes);
    return JsonWriter.write(root);
  }

  /** The verdict both sides must reach: exact for a case built to break one rule. */
  static Verdict shared(Verdict java, Case c) {
    return c.intended() == null && java != Verdict.ACCEPTED ? Verdict.REJECTED : java;
  }

  static Verdict verdictOf(TxResult<Transaction> decoded) {
    if (decoded.isOk()) {
      return Verdict.ACCEPTED;
    }
    return switch (decoded.rejection()) {
      case INVALID_INPUT_POSITION -> Verdict.INVALID_INPUT_POSITION;
      case DEPOSIT_NOT_ONE_OUTPUT -> Verdict.DEPOSIT_NOT_ONE_OUTPUT;
      case AMOUNT_TOO_LARGE -> Verdict.AMOUNT_TOO_LARGE;
      default -> Verdict.REJECTED;
    };
  }

  static byte[] fieldsHash(Transaction tx) {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    word(w, BigInteger.valueOf(tx.txType()));
    word(w, BigInteger.valueOf(tx.inputs().size()));
    tx.inputs().forEach(p -> word(w, p.toBigInteger()));
    word(w, BigInteger.valueOf(tx.outputs().size()));
    for (Output o : tx.outputs()) {
      word(w, BigInteger.valueOf(Output.OUTPUT_TYPE_PAYMENT));
      word(w, new BigInteger(1, o.owner().value()));
      word(w, new BigInteger(1, o.token().value()));
      word(w, o.amount());
    }
    w.writeBytes(tx.metadata().value());
    return Keccak256.hash(w.toByteArray());
  }

  private static void word(ByteArrayOutputStream w, BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    w.writeBytes(out);
  }

  static List<Case> cases() {
    Random r = new Random(SEED);
    Gen g = new Gen(r);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      cases.add(new Case(g.valid().encode(), Verdict.ACCEPTED));
    }
    // the edges that must still decode: the largest position and amount
    long largest = OutputPosition.MAX_BLKNUM * OutputPosition.BLOCK_OFFSET
        + OutputPosition.MAX_TX_INDEX * OutputPosition.TX_OFFSET
        + OutputPosition.MAX_OUTPUT_INDEX;
    cases.add(new Case(
        g.payment().withInputs(List.of(BigInteger.valueOf(largest))).encode(), Verdict.ACCEPTED));
    RawTx p = g.payment();
    cases.add(new Case(
        p.withOutputs(List.of(p.outputs().getFirst().withAmount(LIMIT.subtract(BigInteger.ONE))))
            .encode(),
        Verdict.ACCEPTED));
    for (int i = 0; i < 300; i++) {
      RawTx base = g.payment();
      List<BigInteger> in = new ArrayList<>(base.inputs());
      in.set(r.nextInt(in.size()), g.notAPosition(i));
      cases.add(new Case(base.withInputs(in).encode(), Verdict.INVALID_INPUT_POSITION));
    }
    for (int i = 0; i < 150; i++) {
      cases.add(new Case(
          g.outputs(new RawTx(BigInteger.ONE, List.of(), List.of(), g.metadata()), 2 + r.nextInt(3))
              .encode(),
          Verdict.DEPOSIT_NOT_ONE_OUTPUT));
    }
    for (int i = 0; i < 250; i++) {
      RawTx base = g.valid();
      List<RawOutput> out = new ArrayList<>(base.outputs());
      int k = r.nextInt(out.size());
      out.set(k, out.get(k).withAmount(g.tooLarge(i)));
      cases.add(new Case(base.withOutputs(out).encode(), Verdict.AMOUNT_TOO_LARGE));
    }
    List<Function<RawTx, byte[]>> breakers = g.breakers();
    for (int i = 0; i < 350; i++) {
      cases.add(new Case(breakers.get(i % breakers.size()).apply(g.payment()), Verdict.REJECTED));
    }
    for (int i = 0; i < 1200; i++) {
      cases.add(new Case(g.mutate(g.valid().encode()), null));
    }
    cases.addAll(positionBoundaries(g));
    cases.addAll(structural(g));
    return cases;
  }

  /**
   * Blocks at which each position boundary is written: the first ones, around the cap and the last.
   */
  static final List<Long> BOUNDARY_BLOCKS = List.of(
      1L,
      2L,
      BlockNumbers.FIRST_CHILD_BLOCK,
      BlockNumbers.FIRST_CHILD_BLOCK + 1,
      BlockNumbers.LAST_CHILD_BLOCK,
      BlockNumbers.LAST_CHILD_BLOCK + BlockNumbers.CHILD_BLOCK_INTERVAL - 1,
      OutputPosition.MAX_BLKNUM);

  /**
   * Numbers that a {@code blkNum * 1e9 + txIndex * 1e4 + outputIndex} layout reads as positions and
   * this one does not (their tx digits exceed 65535): block 1000 tx 66, block 1 tx 99 output 3,
   * block 9_223_372_036 tx 99 output 1.
   */
  static final List<BigInteger> OTHER_LAYOUT_ONLY = List.of(
      BigInteger.valueOf(1_000_000_660_000L),
      BigInteger.valueOf(1_000_990_003L),
      BigInteger.valueOf(9_223_372_036_000_990_001L));

  /**
   * Positions here that a 1e9 / 1e4 layout rejects: block 1000 tx 5 output 1, and the last output
   * of the last deposit block (block LAST_CHILD_BLOCK + 999).
   */
  static final List<BigInteger> THIS_LAYOUT_ONLY =
      List.of(BigInteger.valueOf(1_000_000_051L), BigInteger.valueOf(9_223_372_035_999_655_353L));

  /**
   * The exact edges of the position rule, each as the first, last and only input of a payment: an
   * off-by-one in either decoder's rule turns one of these verdicts.
   */
  static List<Case> positionBoundaries(Gen g) {
    List<BigInteger> rejected = new ArrayList<>(List.of(
        BigInteger.ZERO,
        BigInteger.ONE,
        BigInteger.valueOf(OutputPosition.BLOCK_OFFSET - 1),
        MAX_POSITION,
        MAX_POSITION.add(BigInteger.ONE),
        BigInteger.valueOf(OutputPosition.MAX_BLKNUM + 1)
            .multiply(BigInteger.valueOf(OutputPosition.BLOCK_OFFSET))));
    List<BigInteger> accepted =
        new ArrayList<>(List.of(BigInteger.valueOf(OutputPosition.BLOCK_OFFSET)));
    rejected.addAll(OTHER_LAYOUT_ONLY);
    accepted.addAll(THIS_LAYOUT_ONLY);
    long tx = OutputPosition.TX_OFFSET;
    long lastTx = OutputPosition.MAX_TX_INDEX * tx;
    long out = OutputPosition.MAX_OUTPUT_INDEX;
    for (long blk : BOUNDARY_BLOCKS) {
      BigInteger base =
          BigInteger.valueOf(blk).multiply(BigInteger.valueOf(OutputPosition.BLOCK_OFFSET));
      List.of(
              out + 1,
              tx - 1,
              lastTx + out + 1,
              lastTx + tx,
              lastTx + tx + out,
              OutputPosition.BLOCK_OFFSET - 1)
          .forEach(d -> rejected.add(base.add(BigInteger.valueOf(d))));
      List.of(0L, out, lastTx, lastTx + out)
          .forEach(d -> accepted.add(base.add(BigInteger.valueOf(d))));
    }
    List<Case> cases = new ArrayList<>();
    for (BigInteger v : rejected) {
      g.placements(v)
          .forEach(tx2 -> cases.add(new Case(tx2.encode(), Verdict.INVALID_INPUT_POSITION)));
    }
    for (BigInteger v : accepted) {
      g.placements(v).forEach(tx2 -> cases.add(new Case(tx2.encode(), Verdict.ACCEPTED)));
    }
    return cases;
  }

  /**
   * RLP that is well-formed bytes but not the transaction's shape, or not canonical: strings and
   * lists swapped, items added and removed, long headers for short payloads, lengths and integers
   * with leading zeros, wrong lengths. The Java decoder's verdict is the expected one.
   */
  static List<Case> structural(Gen g) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RawTx tx = g.payment();
      RawTx deposit = g.outputs(new RawTx(BigInteger.ONE, List.of(), List.of(), g.metadata()), 1);
      for (RawTx t : List.of(tx, deposit)) {
        Structural.of(t).forEach(b -> cases.add(new Case(b, Verdict.REJECTED)));
      }
    }
    return cases;
  }

  /** The encoded parts of a transaction, put back together wrongly. */
  private record Structural(
      byte[] type, List<byte[]> inputs, List<List<byte[]>> outputs, byte[] metadata) {
    static List<byte[]> of(RawTx tx) {
      List<List<byte[]>> outs = tx.outputs().stream()
          .map(o -> List.of(
              Rlp.encodeUint(o.type()),
              Rlp.encodeBytes(o.owner()),
              Rlp.encodeBytes(o.token()),
              Rlp.encodeUint(o.amount())))
          .toList();
      return new Structural(
              Rlp.encodeUint(tx.type()),
              tx.inputs().stream().map(Rlp::encodeUint).toList(),
              outs,
              Rlp.encodeBytes(tx.metadata()))
          .all(tx);
    }

    byte[] inputList() {
      return Rlp.encodeList(inputs);
    }

    byte[] outputList() {
      return Rlp.encodeList(outputs.stream().map(Rlp::encodeList).toList());
    }

    byte[] tx(byte[] t, byte[] in, byte[] out, byte[] m) {
      return Rlp.encodeList(t, in, out, m);
    }

    /** A list's payload under a string header. */
    static byte[] asString(byte[] list) {
      return Rlp.encodeBytes(payload(list));
    }

    static byte[] payload(byte[] item) {
      int b = item[0] & 0xff;
      if (b < 0x80) {
        return item.clone();
      }
      int start = b <= 0xb7 || (b >= 0xc0 && b <= 0xf7) ? 1 : 1 + (b >= 0xf8 ? b - 0xf7 : b - 0xb7);
      return Arrays.copyOfRange(item, start, item.length);
    }

    /** The item under a header of the given base (0x80 string, 0xc0 list) written in long form. */
    static byte[] longForm(int base, byte[] payload, boolean leadingZero) {
      int len = payload.length;
      byte[] lenBytes =
          len < 256 ? new byte[] {(byte) len} : new byte[] {(byte) (len >>> 8), (byte) len};
      if (leadingZero) {
        byte[] z = new byte[lenBytes.length + 1];
        System.arraycopy(lenBytes, 0, z, 1, lenBytes.length);
        lenBytes = z;
      }
      return concat(new byte[] {(byte) (base + 55 + lenBytes.length)}, lenBytes, payload);
    }

    /** The item with its short header's length off by {@code delta}. */
    static byte[] wrongLength(byte[] item, int delta) {
      byte[] c = item.clone();
      c[0] = (byte) ((c[0] & 0xff) + delta);
      return c;
    }

    static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream w = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        w.writeBytes(p);
      }
      return w.toByteArray();
    }

    /** A list of the given payload, its header canonical. */
    static byte[] listOf(byte[] payload) {
      return payload.length < 56
          ? concat(new byte[] {(byte) (0xc0 + payload.length)}, payload)
          : longForm(0xc0, payload, false);
    }

    /** {@code v} as a string with a zero byte in front of its minimal bytes. */
    static byte[] withLeadingZero(BigInteger v) {
      return Rlp.encodeBytes(concat(new byte[] {0}, payload(Rlp.encodeUint(v))));
    }

    List<byte[]> all(RawTx raw) {
      byte[] in = inputList();
      byte[] out = outputList();
      List<byte[]> firstOut = outputs.getFirst();
      List<byte[]> b = new ArrayList<>();
      // strings and lists swapped
      b.add(asString(tx(type, in, out, metadata)));
      b.add(tx(type, asString(in), out, metadata));
      b.add(tx(type, in, asString(out), metadata));
      b.add(tx(listOf(type), in, out, metadata));
      b.add(tx(type, in, out, listOf(payload(metadata))));
      b.add(tx(type, in, out, Rlp.encodeList(metadata)));
      b.add(tx(type, in, withOutput(0, asString(Rlp.encodeList(firstOut))), metadata));
      for (int f = 0; f < 4; f++) {
        List<byte[]> o = new ArrayList<>(firstOut);
        o.set(f, listOf(payload(o.get(f))));
        b.add(tx(type, in, withOutput(0, Rlp.encodeList(o)), metadata));
      }
      if (!inputs.isEmpty()) {
        List<byte[]> i2 = new ArrayList<>(inputs);
        i2.set(0, listOf(payload(i2.getFirst())));
        b.add(tx(type, Rlp.encodeList(i2), out, metadata));
        b.add(tx(
            type,
            Rlp.encodeList(List.of(Rlp.encodeList(inputs))),
            out,
            metadata)); // inputs nested one deeper
      }
      // items added and removed
      b.add(Rlp.encodeList(type, in, out));
      b.add(Rlp.encodeList(in, out, metadata));
      b.add(Rlp.encodeList(type, in, out, metadata, metadata));
      b.add(Rlp.encodeList(type, in, out, metadata, Rlp.encodeList()));
      b.add(Rlp.encodeList(type, out, metadata));
      b.add(Rlp.encodeList());
      b.add(Rlp.encodeBytes(new byte[0]));
      b.add(Rlp.encodeList(tx(type, in, out, metadata)));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(firstOut.subList(0, 3))), metadata));
      b.add(tx(
          type,
          in,
          withOutput(0, Rlp.encodeList(firstOut.get(1), firstOut.get(2), firstOut.get(3))),
          metadata));
      List<byte[]> fiveFields = new ArrayList<>(firstOut);
      fiveFields.add(firstOut.get(3));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(fiveFields)), metadata));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList()), metadata));
      // non-canonical headers
      b.add(tx(
          concat(new byte[] {(byte) 0x81}, type),
          in,
          out,
          metadata)); // a single byte below 0x80 in a string
      b.add(tx(type, in, out, longForm(0x80, payload(metadata), false)));
      b.add(tx(type, in, out, longForm(0x80, payload(metadata), true)));
      b.add(tx(type, longForm(0xc0, payload(in), false), out, metadata));
      List<byte[]> longOwner = new ArrayList<>(firstOut);
      longOwner.set(1, longForm(0x80, payload(firstOut.get(1)), false));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(longOwner)), metadata));
      byte[] whole = tx(type, in, out, metadata);
      b.add(longForm(0xc0, payload(whole), true));
      b.add(concat(
          new byte[] {(byte) ((whole[0] & 0xff) + 1)},
          Arrays.copyOfRange(whole, 1, whole.length))); // a longer length of length
      b.add(tx(type, in, out, wrongLength(metadata, -1)));
      b.add(tx(type, in, out, concat(wrongLength(metadata, 1), new byte[] {0})));
      b.add(tx(type, in, withOutput(0, wrongLength(Rlp.encodeList(firstOut), -1)), metadata));
      // integers with leading zeros
      b.add(tx(withLeadingZero(raw.type()), in, out, metadata));
      b.add(tx(Rlp.encodeBytes(new byte[] {0}), in, out, metadata)); // zero written as a byte
      List<byte[]> o2 = new ArrayList<>(firstOut);
      o2.set(0, withLeadingZero(raw.outputs().getFirst().type()));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(o2)), metadata));
      List<byte[]> o3 = new ArrayList<>(firstOut);
      o3.set(3, withLeadingZero(raw.outputs().getFirst().amount()));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(o3)), metadata));
      List<byte[]> o4 = new ArrayList<>(firstOut);
      o4.set(3, Rlp.encodeBytes(new byte[] {0}));
      b.add(tx(type, in, withOutput(0, Rlp.encodeList(o4)), metadata));
      if (!inputs.isEmpty()) {
        List<byte[]> i3 = new ArrayList<>(inputs);
        i3.set(inputs.size() - 1, withLeadingZero(raw.inputs().getLast()));
        b.add(tx(type, Rlp.encodeList(i3), out, metadata));
      }
      return b;
    }

    byte[] withOutput(int k, byte[] encoded) {
      List<byte[]> o = new ArrayList<>(outputs.stream().map(Rlp::encodeList).toList());
      o.set(k, encoded);
      return Rlp.encodeList(o);
    }
  }

  /** Random parts of transactions, valid unless asked otherwise. */
  private record Gen(Random r) {
    RawTx valid() {
      int kind = r.nextInt(10);
      if (kind < 7) {
        return payment();
      }
      if (kind < 9) {
        return outputs(new RawTx(BigInteger.ONE, List.of(), List.of(), metadata()), 1);
      }
      return outputs(new RawTx(BigInteger.TWO, List.of(), List.of(), metadata()), 1 + r.nextInt(4));
    }

    RawTx payment() {
      int n = 1 + r.nextInt(4);
      List<BigInteger> in = new ArrayList<>();
      while (in.size() < n) {
        BigInteger p = position();
        if (!in.contains(p)) {
          in.add(p);
        }
      }
      return outputs(new RawTx(BigInteger.ONE, in, List.of(), metadata()), 1 + r.nextInt(4));
    }

    RawTx outputs(RawTx tx, int n) {
      List<RawOutput> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(new RawOutput(
            BigInteger.ONE, owner(), r.nextInt(3) == 0 ? new byte[20] : bytes(20), amount()));
      }
      return tx.withOutputs(out);
    }

    /** Payments with {@code v} as their first, last and only input. */
    List<RawTx> placements(BigInteger v) {
      RawTx base = payment();
      List<BigInteger> first = new ArrayList<>(base.inputs());
      first.remove(v);
      first.set(0, v);
      List<BigInteger> last = new ArrayList<>(payment().inputs());
      last.remove(v);
      while (last.size() < 2) {
        BigInteger p = position();
        if (!p.equals(v) && !last.contains(p)) {
          last.add(p);
        }
      }
      last.set(last.size() - 1, v);
      return List.of(base.withInputs(first), base.withInputs(last), base.withInputs(List.of(v)));
    }

    BigInteger position() {
      long blk = switch (r.nextInt(4)) {
        case 0 -> 1 + r.nextInt(100_000);
        case 1 -> OutputPosition.MAX_BLKNUM - r.nextInt(3);
        default -> 1 + (long) (r.nextDouble() * (OutputPosition.MAX_BLKNUM - 1));
      };
      int tx = r.nextInt(3) == 0
          ? (r.nextBoolean() ? 0 : OutputPosition.MAX_TX_INDEX)
          : r.nextInt(OutputPosition.MAX_TX_INDEX + 1);
      return BigInteger.valueOf(OutputPosition.of(blk, tx, r.nextInt(4)).encode());
    }

    /** Each kind of number that names no output, in turn. */
    BigInteger notAPosition(int i) {
      BigInteger valid = position();
      long v = valid.longValueExact();
      long blockPart = v - v % OutputPosition.BLOCK_OFFSET;
      return switch (i % 6) {
        case 0 -> BigInteger.valueOf(r.nextInt((int) OutputPosition.BLOCK_OFFSET)); // block 0
        // output index 4 up to the largest the digits hold
        case 1 ->
          BigInteger.valueOf(
              v - v % OutputPosition.TX_OFFSET + 4 + r.nextInt((int) OutputPosition.TX_OFFSET - 4));
        // tx index 65536 up to the largest the digits hold
        case 2 ->
          BigInteger.valueOf(blockPart)
              .add(BigInteger.valueOf((65_536L
                          + r.nextInt((int) (OutputPosition.BLOCK_OFFSET / OutputPosition.TX_OFFSET)
                              - 65_536))
                      * OutputPosition.TX_OFFSET
                  + v % 4));
        case 3 ->
          List.of(
                  MAX_POSITION.add(BigInteger.ONE),
                  BigInteger.ONE.shiftLeft(64),
                  BigInteger.ONE.shiftLeft(255),
                  UINT256_MAX)
              .get((i / 6) % 4);
        default -> {
          int bits = 64 + r.nextInt(193);
          yield new BigInteger(bits, r).setBit(bits - 1);
        }
      };
    }

    BigInteger amount() {
      return switch (r.nextInt(8)) {
        case 0 -> BigInteger.ONE;
        case 1 -> LIMIT.subtract(BigInteger.ONE);
        default -> {
          int bits = 1 + r.nextInt(191);
          yield new BigInteger(bits, r).setBit(bits - 1);
        }
      };
    }

    /** Amounts from 2^192 up: the edges in turn, then random. */
    BigInteger tooLarge(int i) {
      if (i < 12) {
        return List.of(LIMIT, LIMIT.add(BigInteger.ONE), UINT256_MAX).get(i % 3);
      }
      int bits = 193 + r.nextInt(64);
      return new BigInteger(bits, r).setBit(bits - 1);
    }

    byte[] owner() {
      byte[] b = bytes(20);
      b[19] |= 1;
      return b;
    }

    byte[] metadata() {
      return r.nextBoolean() ? new byte[32] : bytes(32);
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      return b;
    }

    /** Ways to break one rule other than the three named ones. */
    List<Function<RawTx, byte[]>> breakers() {
      return List.of(
          tx -> tx.withType(0).encode(),
          tx -> tx.withType(3 + r.nextInt(1000)).encode(),
          tx -> tx.withType(2).encode(), // a fee transaction with inputs
          tx -> tx.withInputs(List.of(tx.inputs().getFirst(), tx.inputs().getFirst()))
              .encode(),
          tx -> tx.withInputs(List.of(position(), position(), position(), position(), position()))
              .encode(),
          tx -> tx.withOutputs(List.of()).encode(),
          tx -> outputs(tx, 5).encode(),
          tx -> tx.withOutputs(
                  List.of(new RawOutput(BigInteger.ONE, new byte[20], bytes(20), BigInteger.TEN)))
              .encode(),
          tx -> tx.withOutputs(List.of(tx.outputs().getFirst().withAmount(BigInteger.ZERO)))
              .encode(),
          tx -> tx.withOutputs(
                  List.of(new RawOutput(BigInteger.TWO, owner(), bytes(20), BigInteger.TEN)))
              .encode(),
          tx -> tx.withOutputs(
                  List.of(new RawOutput(BigInteger.ONE, bytes(19), bytes(20), BigInteger.TEN)))
              .encode(),
          tx -> tx.withOutputs(
                  List.of(new RawOutput(BigInteger.ONE, owner(), bytes(21), BigInteger.TEN)))
              .encode(),
          tx -> new RawTx(tx.type(), tx.inputs(), tx.outputs(), bytes(31)).encode(),
          tx -> new RawTx(tx.type(), tx.inputs(), tx.outputs(), bytes(33)).encode(),
          tx -> Arrays.copyOf(tx.encode(), tx.encode().length + 1), // a trailing byte
          tx -> nonCanonicalInput(tx));
    }

    /** The first input written with a leading zero byte. */
    byte[] nonCanonicalInput(RawTx tx) {
      byte[] p = tx.inputs().getFirst().toByteArray();
      byte[] padded = new byte[p.length + 1];
      System.arraycopy(p, 0, padded, padded.length - p.length, p.length);
      padded[0] = 0;
      return Rlp.encodeList(
          Rlp.encodeUint(tx.type()),
          Rlp.encodeList(Rlp.encodeBytes(padded)),
          Rlp.encodeList(tx.outputs().stream().map(RawOutput::encode).toList()),
          Rlp.encodeBytes(tx.metadata()));
    }

    /**
     * One random change: a byte replaced, inserted or removed, the end cut off, or bytes appended.
     */
    byte[] mutate(byte[] b) {
      int at = r.nextInt(b.length);
      return switch (r.nextInt(5)) {
        case 0, 1 -> {
          byte[] c = b.clone();
          c[at] = (byte) r.nextInt(256);
          yield c;
        }
        case 2 -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) r.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          yield c;
        }
        case 3 -> {
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + 1, c, at, b.length - at - 1);
          yield c;
        }
        default ->
          r.nextBoolean() ? Arrays.copyOf(b, at) : Arrays.copyOf(b, b.length + 1 + r.nextInt(4));
      };
    }
  }
}
