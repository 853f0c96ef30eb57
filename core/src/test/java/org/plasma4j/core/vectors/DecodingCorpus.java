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
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * Builds contracts/test/vectors/decoding.json: valid and broken transactions from a fixed seed, each with
 * the Java decoder's verdict and, if accepted, a hash of the decoded fields. Forge decodes every entry
 * with {@code PaymentTx.decode} and {@code PaymentOutputReader} and must reach the same verdict and fields.
 *
 * <p>Cases built to break exactly one rule carry that rule's verdict, which both sides must name alike.
 * Random byte mutations can break several rules at once, and the decoders check RLP and the protocol rules
 * in different interleavings, so for them only "rejected" is shared.
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
            return Rlp.encodeList(Rlp.encodeUint(type), Rlp.encodeBytes(owner), Rlp.encodeBytes(token), Rlp.encodeUint(amount));
        }

        RawOutput withAmount(BigInteger a) {
            return new RawOutput(type, owner, token, a);
        }
    }

    /** A transaction's fields before any rule is applied, so broken ones can be written too. */
    record RawTx(BigInteger type, List<BigInteger> inputs, List<RawOutput> outputs, byte[] metadata) {
        byte[] encode() {
            return Rlp.encodeList(Rlp.encodeUint(type), Rlp.encodeList(inputs.stream().map(Rlp::encodeUint).toList()),
                    Rlp.encodeList(outputs.stream().map(RawOutput::encode).toList()), Rlp.encodeBytes(metadata));
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
        root.put("about", "transactions decoded by TransactionDecoder (Java), PaymentTx.decode and PaymentOutputReader"
                + " (Solidity); verdicts: 0 accepted, 1 rejected by any rule, 2 InvalidInputPosition,"
                + " 3 DepositNotOneOutput, 4 AmountTooLarge; fieldsHash: keccak256 of the decoded fields as 32-byte words"
                + " (txType, input count, inputs, output count, then outputType, owner, token, amount per output, metadata)");
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
                + OutputPosition.MAX_TX_INDEX * OutputPosition.TX_OFFSET + OutputPosition.MAX_OUTPUT_INDEX;
        cases.add(new Case(g.payment().withInputs(List.of(BigInteger.valueOf(largest))).encode(), Verdict.ACCEPTED));
        RawTx p = g.payment();
        cases.add(new Case(p.withOutputs(List.of(p.outputs().getFirst().withAmount(LIMIT.subtract(BigInteger.ONE)))).encode(),
                Verdict.ACCEPTED));
        for (int i = 0; i < 300; i++) {
            RawTx base = g.payment();
            List<BigInteger> in = new ArrayList<>(base.inputs());
            in.set(r.nextInt(in.size()), g.notAPosition(i));
            cases.add(new Case(base.withInputs(in).encode(), Verdict.INVALID_INPUT_POSITION));
        }
        for (int i = 0; i < 150; i++) {
            cases.add(new Case(g.outputs(new RawTx(BigInteger.ONE, List.of(), List.of(), g.metadata()), 2 + r.nextInt(3)).encode(),
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
        return cases;
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
                out.add(new RawOutput(BigInteger.ONE, owner(), r.nextInt(3) == 0 ? new byte[20] : bytes(20), amount()));
            }
            return tx.withOutputs(out);
        }

        BigInteger position() {
            long blk = switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(100_000);
                case 1 -> OutputPosition.MAX_BLKNUM - r.nextInt(3);
                default -> 1 + (long) (r.nextDouble() * (OutputPosition.MAX_BLKNUM - 1));
            };
            int tx = r.nextInt(3) == 0 ? (r.nextBoolean() ? 0 : OutputPosition.MAX_TX_INDEX) : r.nextInt(OutputPosition.MAX_TX_INDEX + 1);
            return BigInteger.valueOf(OutputPosition.of(blk, tx, r.nextInt(4)).encode());
        }

        /** Each kind of number that names no output, in turn. */
        BigInteger notAPosition(int i) {
            BigInteger valid = position();
            long v = valid.longValueExact();
            long blockPart = v - v % OutputPosition.BLOCK_OFFSET;
            return switch (i % 6) {
                case 0 -> BigInteger.valueOf(r.nextInt(1_000_000_000)); // block 0
                case 1 -> BigInteger.valueOf(v - v % OutputPosition.TX_OFFSET + 4 + r.nextInt(9_996)); // output index 4..9999
                case 2 -> BigInteger.valueOf(blockPart).add(BigInteger.valueOf((65_536L + r.nextInt(34_464)) * OutputPosition.TX_OFFSET + v % 4));
                case 3 -> List.of(MAX_POSITION.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(255),
                        UINT256_MAX).get((i / 6) % 4);
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
                    tx -> tx.withInputs(List.of(tx.inputs().getFirst(), tx.inputs().getFirst())).encode(),
                    tx -> tx.withInputs(List.of(position(), position(), position(), position(), position())).encode(),
                    tx -> tx.withOutputs(List.of()).encode(),
                    tx -> outputs(tx, 5).encode(),
                    tx -> tx.withOutputs(List.of(new RawOutput(BigInteger.ONE, new byte[20], bytes(20), BigInteger.TEN))).encode(),
                    tx -> tx.withOutputs(List.of(tx.outputs().getFirst().withAmount(BigInteger.ZERO))).encode(),
                    tx -> tx.withOutputs(List.of(new RawOutput(BigInteger.TWO, owner(), bytes(20), BigInteger.TEN))).encode(),
                    tx -> tx.withOutputs(List.of(new RawOutput(BigInteger.ONE, bytes(19), bytes(20), BigInteger.TEN))).encode(),
                    tx -> tx.withOutputs(List.of(new RawOutput(BigInteger.ONE, owner(), bytes(21), BigInteger.TEN))).encode(),
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
            return Rlp.encodeList(Rlp.encodeUint(tx.type()), Rlp.encodeList(Rlp.encodeBytes(padded)),
                    Rlp.encodeList(tx.outputs().stream().map(RawOutput::encode).toList()), Rlp.encodeBytes(tx.metadata()));
        }

        /** One random change: a byte replaced, inserted or removed, the end cut off, or bytes appended. */
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
                default -> r.nextBoolean() ? Arrays.copyOf(b, at) : Arrays.copyOf(b, b.length + 1 + r.nextInt(4));
            };
        }
    }
}
