package org.plasma4j.guardian.cash;

import java.math.BigInteger;

/** What one coin step did on the root chain: its transaction, block, bond posted and gas paid. */
public record CoinOutcome(String l1TxHash, long l1Block, BigInteger bondWei, BigInteger gasWei) {}
