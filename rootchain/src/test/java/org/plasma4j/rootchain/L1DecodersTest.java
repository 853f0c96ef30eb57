package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.MassExitGame;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitEscrowShort;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class L1DecodersTest {

  private static final Bytes32 BLOCK_HASH = Bytes32.ofUint(BigInteger.valueOf(0xb10c));

  /** A log as a node returns it: topic0, the indexed batch id, the two amounts as data. */
  private static Log escrowShortLog(long batchId, long expected, long escrow) {
    Log log = new Log();
    log.setBlockNumber("0x2a");
    log.setLogIndex("0x3");
    log.setBlockHash(BLOCK_HASH.toHex());
    log.setTopics(List.of(
        EventEncoder.encode(MassExitGame.MASSEXITESCROWSHORT_EVENT),
        Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(batchId), 64)));
    log.setData("0x"
        + FunctionEncoder.encodeConstructor(List.of(new Uint256(expected), new Uint256(escrow))));
    return log;
  }

  @Test
  void aShortMassExitEscrowDecodesByItsTopicAsTheMassExitGamesEventAtTheLogsPlace() {
    L1Decoders.Decoder decoder = L1Decoders.of(escrowShortLog(7, 1000, 900)).orElseThrow();

    assertThat(decoder.source()).isEqualTo(L1Decoders.Source.MASS_EXIT_GAME);
    assertThat(decoder.decode().apply(escrowShortLog(7, 1000, 900)))
        .isEqualTo(new MassExitEscrowShort(
            BigInteger.valueOf(7),
            BigInteger.valueOf(1000),
            BigInteger.valueOf(900),
            new LogPlace(42, 3, BLOCK_HASH)));
  }

  @Test
  void aLogOfNoKnownTopicHasNoDecoder() {
    Log log = escrowShortLog(7, 1000, 900);
    log.setTopics(List.of("0x" + "00".repeat(32)));
    assertThat(L1Decoders.of(log)).isEmpty();
  }
}
