package org.plasma4j.wallet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The wallet's root-chain calls on the shared in-memory root chain ({@link InMemoryRootChain}):
 * each call is recorded and mined in a root-chain block of its own, and the framework's reads (its
 * next child block, its commitments, the clock) are the chain's. The clock moves only when the test
 * moves it.
 */
public final class InMemoryActions implements RootChainActions {

  /** The root chain: its framework's blocks, commitments and clock. */
  public final InMemoryRootChain chain = new InMemoryRootChain(
      new RootChain.ChainInfo(31337, TestKeys.FRAMEWORK, Address.ZERO, 604_800L),
      100,
      1_799_500_000L,
      0);

  public final List<String> calls = new ArrayList<>();

  /** How many block commitments the wallet read. */
  public int commitmentReads;

  public final Map<Address, BigInteger> balances = new ConcurrentHashMap<>();
  public Bytes32 lastCommitment;
  public byte[] lastTxBytes;
  public InFlightExitData lastInFlightExit;
  public MassExitBatch lastMassExit;

  private L1Receipt mined(String call) {
    calls.add(call);
    long now = chain.headTimestamp();
    long block = chain.mine();
    chain.setHeadTimestamp(now);
    return new L1Receipt("0x" + String.format("%064x", block), block);
  }

  /** What minExitPeriod() answers: one week. */
  public long minExitPeriod = 604_800L;

  @Override
  public long latestTimestamp() {
    return chain.headTimestamp();
  }

  @Override
  public long minExitPeriod() {
    return minExitPeriod;
  }

  @Override
  public long nextChildBlock() {
    return chain.nextChildBlock();
  }

  @Override
  public Bytes32 blockCommitment(long blkNum) {
    commitmentReads++;
    return chain.blockCommitment(blkNum).orElse(Bytes32.ZERO);
  }

  @Override
  public Deposit deposit(Address token, BigInteger amount) {
    L1Receipt r = mined("deposit " + token + " " + amount);
    return new Deposit(r, OutputPosition.of(1, 0, 0).encode(), amount);
  }

  @Override
  public L1Receipt startStandardExit(
      long position, byte[] txBytes, byte[] proof, long blockTimestamp) {
    lastTxBytes = txBytes;
    return mined("startStandardExit " + position + " " + proof.length + " " + blockTimestamp);
  }

  @Override
  public L1Receipt commitChallenge(Bytes32 commitment) {
    lastCommitment = commitment;
    return mined("commitChallenge");
  }

  @Override
  public L1Receipt challengeStandardExit(
      long position, byte[] spendingTx, int inputIndex, byte[] signature) {
    return mined("challengeStandardExit " + position + " " + inputIndex + " " + signature.length);
  }

  @Override
  public L1Receipt processExits(Address token, int maxExits) {
    return mined("processExits " + token + " " + maxExits);
  }

  @Override
  public L1Receipt withdraw(Address token) {
    return mined("withdraw " + token);
  }

  @Override
  public L1Receipt startInFlightExit(InFlightExitData data) {
    lastInFlightExit = data;
    return mined("startInFlightExit " + data.inputPositions());
  }

  @Override
  public L1Receipt piggybackInFlightExit(Bytes inFlightTx, boolean output, int index) {
    lastTxBytes = inFlightTx.toArray();
    return mined("piggyback " + (output ? "output " : "input ") + index);
  }

  @Override
  public MassExit startMassExit(MassExitBatch batch) {
    lastMassExit = batch;
    L1Receipt r = mined("startMassExit " + batch.token() + " " + batch.items().size());
    return new MassExit(r, BigInteger.ONE, batch.leaves());
  }

  @Override
  public L1Receipt withdrawMassExit(BigInteger batchId, List<MassExitLeaf> leaves) {
    return mined("withdrawMassExit " + batchId + " " + leaves.size());
  }

  /**
   * The domain the root chain reports (the framework's separator confirmed); tests may change it.
   */
  public Domain domain = new Domain(31337, TestKeys.FRAMEWORK);

  public int domainReads;

  @Override
  public Domain domain() {
    domainReads++;
    return domain;
  }

  @Override
  public BigInteger balance(Address token) {
    return balances.getOrDefault(token, BigInteger.ZERO);
  }

  @Override
  public BigInteger exitBond() {
    return BigInteger.TEN;
  }

  @Override
  public long headBlockNumber() {
    return chain.headBlockNumber();
  }
}
