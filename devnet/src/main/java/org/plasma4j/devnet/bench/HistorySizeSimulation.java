package org.plasma4j.devnet.bench;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistory.Excluded;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.core.cash.CoinProof;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * How much history one coin's owner stores (the bound it is held to: at most 10 MB per coin for a
 * year of one-second blocks), measured by simulating the year block by block. Every block gets a
 * Poisson number of other coins' transfers at uniformly random slots, and the coin itself moves
 * with a given daily rate. Hashing a depth-64 tree for 31.5M blocks would take hours, so each
 * block's proof bitmap is derived exactly from the other slots (the sibling at level i is non-empty
 * iff another slot agrees with ours above level i and differs at bit i, i.e. the highest bit of
 * their XOR is i), siblings are random bytes, and the entry is sized by the real
 * {@link CoinHistoryCodec}. The first non-empty block of every {@code sampleEvery} builds the real
 * {@link CoinTree} and must give the same bitmap, so the shortcut is checked, not assumed.
 *
 * <p>Checkpoints: every {@code checkpointInterval} blocks the owner checkpoints the coin's latest
 * transfer (skipped when the coin has not moved since its origin); {@code finalization} blocks
 * later (one MEP) it is final, becomes the origin, and history at or before it is dropped. Pure and
 * deterministic per seed.
 */
public final class HistorySizeSimulation {
  /** One second blocks for 365 days. */
  public static final long YEAR_OF_BLOCKS = 365L * 24 * 3600;

  public static final long DAY_OF_BLOCKS = 24L * 3600;
  /** The target per coin. */
  public static final long TARGET_BYTES = 10_000_000L;
  /** An uncompressed depth-64 proof: 64 siblings of 32 bytes. */
  public static final int NAIVE_PROOF_BYTES = CoinTree.DEPTH * 32;

  private static final int POOL = 1 << 16;

  /**
   * @param blocks child blocks simulated
   * @param transfersPerBlock mean other-coin transfers per block (Poisson)
   * @param ownTransfersPerDay mean transfers of the measured coin per day of blocks
   * @param checkpointIntervals checkpoint policies to measure side by side; 0 = never checkpoint
   * @param finalization blocks from a checkpoint's start to its finality (one MEP)
   * @param sampleEvery the first non-empty block of every this many is rebuilt as a real tree (0 =
   *     never)
   * @param coinBlockInterval the operator carries coin transfers in every this-many-th child block
   *     only (the others have coin root zero, so they cost no history); transfers made meanwhile
   *     wait for it
   */
  public record Params(
      long blocks,
      double transfersPerBlock,
      double ownTransfersPerDay,
      long[] checkpointIntervals,
      long finalization,
      long sampleEvery,
      long seed,
      long coinBlockInterval) {
    public Params {
      checkpointIntervals = checkpointIntervals.clone();
      if (blocks <= 0
          || transfersPerBlock < 0
          || ownTransfersPerDay < 0
          || finalization < 0
          || coinBlockInterval < 1) {
        throw new IllegalArgumentException("negative simulation parameter");
      }
    }

    /** Coin transfers in every block. */
    public Params(
        long blocks,
        double transfersPerBlock,
        double ownTransfersPerDay,
        long[] checkpointIntervals,
        long finalization,
        long sampleEvery,
        long seed) {
      this(
          blocks,
          transfersPerBlock,
          ownTransfersPerDay,
          checkpointIntervals,
          finalization,
          sampleEvery,
          seed,
          1);
    }

    @Override
    public long[] checkpointIntervals() {
      return checkpointIntervals.clone();
    }
  }

  /** The stored size under one checkpoint policy over the simulated horizon. */
  public record PolicyResult(
      long checkpointInterval,
      long maxBytes,
      double meanBytes,
      long maxBlocksHeld,
      long checkpointsFinalized,
      long finalBytes,
      long finalOriginBlock) {
    public boolean meetsTarget() {
      return maxBytes <= TARGET_BYTES;
    }

    /**
     * What the same longest-held span costs with uncompressed 64-sibling proofs for every block.
     */
    public long naiveMaxBytes() {
      return maxBlocksHeld * NAIVE_PROOF_BYTES;
    }
  }

  /** Everything measured for one load. */
  public record Result(
      Params params,
      List<PolicyResult> policies,
      double bytesPerBlock,
      long nonEmptyBlocks,
      long ownTransfers,
      long samplesChecked) {}

  /**
   * Sees each block's entry as it is sized (null for an empty block); for tests that rebuild the
   * history.
   */
  public interface Observer {
    void onBlock(long block, Entry entryOrNull);
  }

  private final Params params;
  private final SplittableRandom random;
  private final double[] poissonCdf;
  private final byte[] pool;
  private final long slot;
  private final Address owner;
  private final Signature signature;
  private long[] others = new long[64];

  private HistorySizeSimulation(Params params) {
    this.params = params;
    this.random = new SplittableRandom(params.seed());
    this.poissonCdf = poissonCdf(params.transfersPerBlock() * params.coinBlockInterval());
    this.pool = new byte[POOL + NAIVE_PROOF_BYTES];
    random.nextBytes(pool);
    this.slot = random.nextLong();
    byte[] a = new byte[Address.LENGTH];
    random.nextBytes(a);
    this.owner = new Address(a);
    byte[] sig = new byte[Signature.LENGTH];
    random.nextBytes(sig);
    sig[64] = 27;
    this.signature = new Signature(sig);
  }

  public static Result run(Params params) {
    return run(params, (b, e) -> {});
  }

  public static Result run(Params params, Observer observer) {
    return new HistorySizeSimulation(params).simulate(observer);
  }

  private Result simulate(Observer observer) {
    long[] intervals = params.checkpointIntervals();
    List<Policy> policies = new ArrayList<>();
    for (long interval : intervals) {
      policies.add(new Policy(interval, params.finalization(), slot));
    }
    double ownPerBlock = params.ownTransfersPerDay() / DAY_OF_BLOCKS;
    long cum = 0;
    long gap = 0;
    long lastOwn = 0;
    long nonEmpty = 0;
    long ownTransfers = 0;
    long samples = 0;
    boolean sampleDue = false;
    boolean ownPending = false;
    for (long i = 1; i <= params.blocks(); i++) {
      long block = i * BlockNumbers.CHILD_BLOCK_INTERVAL;
      sampleDue |= params.sampleEvery() > 0 && (i - 1) % params.sampleEvery() == 0;
      boolean coinBlock = i % params.coinBlockInterval() == 0;
      int k = coinBlock ? poisson() : 0;
      ownPending |= ownPerBlock > 0 && random.nextDouble() < ownPerBlock;
      boolean own = coinBlock && ownPending;
      if (coinBlock) {
        ownPending = false;
      }
      Entry entry = null;
      if (k > 0 || own) {
        long bitmap = bitmap(k);
        entry = entry(block, own, lastOwn, bitmap);
        if (sampleDue) {
          checkAgainstRealTree(k, entry, bitmap);
          samples++;
          sampleDue = false;
        }
        cum += CoinHistoryCodec.recordLength(gap, entry);
        gap = 0;
        nonEmpty++;
        if (own) {
          lastOwn = block;
          ownTransfers++;
        }
      } else {
        gap++;
      }
      observer.onBlock(block, entry);
      for (Policy p : policies) {
        p.afterBlock(i, block, cum, own);
      }
    }
    List<PolicyResult> results =
        policies.stream().map(p -> p.result(params.blocks())).toList();
    return new Result(
        params, results, (double) cum / params.blocks(), nonEmpty, ownTransfers, samples);
  }

  /**
   * The bitmap of our slot's proof given k other random slots (kept in {@link #others} for
   * sampling).
   */
  private long bitmap(int k) {
    if (others.length < k) {
      others = new long[Math.max(k, others.length * 2)];
    }
    long bitmap = 0;
    for (int j = 0; j < k; j++) {
      long x;
      do {
        x = random.nextLong(); // other slot XOR ours: uniform over the non-zero values
      } while (x == 0);
      others[j] = x;
      bitmap |= 1L << (63 - Long.numberOfLeadingZeros(x));
    }
    return bitmap;
  }

  private Entry entry(long block, boolean own, long lastOwn, long bitmap) {
    int siblings = Long.bitCount(bitmap);
    byte[] proof = new byte[CoinProof.encodedLength(siblings)];
    ByteBuffer.wrap(proof).putLong(0, bitmap); // big-endian, as the proof format reads it
    System.arraycopy(pool, random.nextInt(POOL), proof, CoinProof.BITMAP_BYTES, 32 * siblings);
    Bytes p = Bytes.wrap(proof);
    if (!own) {
      return new Excluded(block, p);
    }
    CoinTransfer t = new CoinTransfer(slot, lastOwn, owner);
    return new Included(block, new SignedCoinTransfer(t, signature), p);
  }

  /**
   * Builds the block's real tree (random leaves for the other slots) and compares the proof bitmap.
   */
  private void checkAgainstRealTree(int k, Entry entry, long bitmap) {
    Map<Long, Bytes32> leaves = new HashMap<>();
    byte[] leaf = new byte[32];
    for (int j = 0; j < k; j++) {
      random.nextBytes(leaf);
      leaf[0] |= 1;
      leaves.put(slot ^ others[j], new Bytes32(leaf));
    }
    if (entry instanceof Included inc) {
      leaves.put(slot, inc.transfer().transfer().leafHash());
    }
    CoinProof real = CoinTree.of(leaves).proof(slot);
    if (real.bitmap() != bitmap) {
      throw new IllegalStateException("derived bitmap " + Long.toHexString(bitmap)
          + " but the real tree gives " + Long.toHexString(real.bitmap()));
    }
  }

  private int poisson() {
    double u = random.nextDouble();
    if (u < poissonCdf[0]) {
      return 0; // the common case at light load, without a search
    }
    int k = Arrays.binarySearch(poissonCdf, u);
    return Math.min(k < 0 ? -k - 1 : k, poissonCdf.length - 1);
  }

  private static double[] poissonCdf(double lambda) {
    if (lambda == 0) {
      return new double[] {1.0};
    }
    int max = (int) Math.ceil(lambda + 20 * Math.sqrt(lambda) + 20);
    double[] cdf = new double[max + 1];
    double pmf = Math.exp(-lambda);
    double sum = 0;
    for (int k = 0; k <= max; k++) {
      sum += pmf;
      cdf[k] = sum;
      pmf = pmf * lambda / (k + 1);
    }
    cdf[max] = 1.0;
    return cdf;
  }

  /** Stored bytes under one checkpoint interval: history since the origin, header included. */
  private static final class Policy {
    private record Pending(long startIndex, long checkpointBlock, long cumAtCheckpoint) {}

    private final long interval;
    private final long finalization;
    private final long slot;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long originBlock = 0;
    private long baseCum = 0;
    private long lastOwn = 0;
    private long cumAtLastOwn = 0;
    private long max = 0;
    private double sum = 0;
    private long maxHeld = 0;
    private long finalized = 0;
    private long current = 0;
    private long header = 0;
    private long headerValidBelow = 0;
    private long headerOrigin = -1;

    Policy(long interval, long finalization, long slot) {
      this.interval = interval;
      this.finalization = finalization;
      this.slot = slot;
    }

    void afterBlock(long index, long block, long cum, boolean own) {
      if (own) {
        lastOwn = block;
        cumAtLastOwn = cum;
      }
      Pending head = pending.peek();
      if (head != null && index - head.startIndex() >= finalization) {
        pending.poll();
        originBlock = head.checkpointBlock();
        baseCum = head.cumAtCheckpoint();
        finalized++;
      }
      if (interval > 0 && index % interval == 0 && pending.isEmpty() && lastOwn > originBlock) {
        pending.add(new Pending(index, lastOwn, cumAtLastOwn));
      }
      long held = (block - originBlock) / BlockNumbers.CHILD_BLOCK_INTERVAL;
      if (held >= headerValidBelow || originBlock != headerOrigin) {
        // the header changes only when a varint grows or the origin moves: sizing it every block
        // would dominate the run
        headerOrigin = originBlock;
        header =
            CoinHistoryCodec.headerLength(slot, BlockNumbers.nextChildBlock(originBlock), held);
        headerValidBelow = 1;
        while (headerValidBelow <= held) {
          headerValidBelow <<= 7;
        }
      }
      current = header + cum - baseCum;
      max = Math.max(max, current);
      maxHeld = Math.max(maxHeld, held);
      sum += current;
    }

    PolicyResult result(long blocks) {
      return new PolicyResult(
          interval, max, sum / blocks, maxHeld, finalized, current, originBlock);
    }
  }
}
