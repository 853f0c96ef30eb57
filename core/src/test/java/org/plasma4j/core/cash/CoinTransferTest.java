package org.plasma4j.core.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.core.testing.Fixtures.DOMAIN;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;

class CoinTransferTest {
  private static final Address BOB = DevKeys.ACCOUNT_1.address();

  @Test
  void encodesSlotPrevBlockAndOwnerBigEndianIn36Bytes() {
    CoinTransfer t = new CoinTransfer(0x0102030405060708L, -1L, BOB);
    byte[] b = t.encode();
    assertThat(b).hasSize(36);
    assertThat(Hex.encode(Arrays.copyOf(b, 16))).isEqualTo("0x0102030405060708ffffffffffffffff");
    assertThat(Arrays.copyOfRange(b, 16, 36)).isEqualTo(BOB.value());
    assertThat(CoinTransfer.decode(b)).isEqualTo(t);
  }

  @Test
  void hashesAreKeccakOfTheBytesAndOfTheLeafPreimage() {
    CoinTransfer t = new CoinTransfer(5, 3000, BOB);
    assertThat(t.hash()).isEqualTo(new Bytes32(Keccak256.hash(t.encode())));
    byte[] leafPreimage = new byte[37];
    System.arraycopy(t.encode(), 0, leafPreimage, 1, 36);
    assertThat(t.leafHash()).isEqualTo(new Bytes32(Keccak256.hash(leafPreimage)));
  }

  @Test
  void typehashIsTheHashOfTheTypeString() {
    assertThat(CoinTransfer.TYPEHASH)
        .isEqualTo(new Bytes32(Keccak256.hash(
            "CoinTransfer(uint64 slot,uint64 prevBlock,address newOwner)".getBytes())));
  }

  @Test
  void rejectsAnyOtherLength() {
    assertThatThrownBy(() -> CoinTransfer.decode(new byte[35]))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("got 35");
    assertThatThrownBy(() -> CoinTransfer.decode(new byte[37]))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("got 37");
    assertThatThrownBy(() -> SignedCoinTransfer.decode(new byte[100]))
        .isInstanceOf(MalformedCoinDataException.class)
        .hasMessageContaining("got 100");
  }

  @Test
  void signedFormRoundTripsAndRecoversTheSigner() {
    SignedCoinTransfer s =
        SignedCoinTransfer.sign(new CoinTransfer(-1L, 2999, BOB), DevKeys.ACCOUNT_0, DOMAIN);
    byte[] wire = s.encode();
    assertThat(wire).hasSize(101);
    SignedCoinTransfer back = SignedCoinTransfer.decode(wire);
    assertThat(back).isEqualTo(s);
    assertThat(back.signer(DOMAIN)).contains(DevKeys.ACCOUNT_0.address());
  }

  @Test
  void aSignatureForAnotherChainOrContractRecoversSomeoneElse() {
    SignedCoinTransfer s =
        SignedCoinTransfer.sign(new CoinTransfer(1, 2999, BOB), DevKeys.ACCOUNT_0, DOMAIN);
    Domain otherChain = new Domain(DOMAIN.chainId() + 1, DOMAIN.verifyingContract());
    Domain otherContract = new Domain(DOMAIN.chainId(), BOB);
    assertThat(s.signer(otherChain)).isNotEqualTo(s.signer(DOMAIN));
    assertThat(s.signer(otherContract)).isNotEqualTo(s.signer(DOMAIN));
  }
}
