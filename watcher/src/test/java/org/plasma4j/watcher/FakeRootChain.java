package org.plasma4j.watcher;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.InMemoryL1;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * The root chain for the watcher's unit tests: the framework's info over the shared
 * {@link InMemoryL1}, where tests add events at the head they mine and reorg blocks away.
 */
final class FakeRootChain implements RootChain {

  static final long MEP = 3600;

  private final InMemoryL1 l1 = new InMemoryL1(1, 1_000_000);

  /** Mines one block; returns its number. */
  long mine() {
    return l1.mine(1);
  }

  /** Adds an event at its own block (tests build it at the block they just mined). */
  <T extends L1Event> T add(T event) {
    return l1.append(event);
  }

  /** Replaces the blocks from {@code from} on, as a reorg does, and drops their events. */
  void reorgFrom(long from) {
    l1.reorgFrom(from);
  }

  void setHeadTimestamp(long seconds) {
    l1.setHeadTimestamp(seconds);
  }

  /** The submitted blocks so far, in log order. */
  List<BlockSubmittedEvent> submitted() {
    return events(0, l1.headBlockNumber(), BlockSubmittedEvent.class);
  }

  @Override
  public Optional<Bytes32> blockHash(long number) {
    return l1.blockHash(number);
  }

  @Override
  public java.util.OptionalLong blockTimestamp(long number) {
    return l1.blockTimestamp(number);
  }

  @Override
  public List<L1Event> events(long fromL1Block, long toL1Block) {
    return l1.events(fromL1Block, toL1Block);
  }

  @Override
  public ChainInfo info() {
    return new ChainInfo(
        Fixtures.CHAIN_ID,
        Fixtures.FRAMEWORK,
        Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        MEP);
  }

  @Override
  public long headBlockNumber() {
    return l1.headBlockNumber();
  }

  @Override
  public long headTimestamp() {
    return l1.headTimestamp();
  }

  @Override
  public long nextChildBlock() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Bytes32> blockCommitment(long blkNum) {
    throw new UnsupportedOperationException();
  }
}
