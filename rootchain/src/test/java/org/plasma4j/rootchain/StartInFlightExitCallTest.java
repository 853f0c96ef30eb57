package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.core.types.Bytes;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/** The inputs' signatures read back from a startInFlightExit call, and nothing from any other call. */
class StartInFlightExitCallTest {

  static final Bytes TX = Bytes.fromHex("0xf8c0" + "ab".repeat(30));
  static final byte[] SIG_0 = new byte[65];
  static final byte[] SIG_1 = new byte[65];

  static {
    SIG_0[0] = 1;
    SIG_1[64] = 28;
  }

  static String call(Bytes inFlightTx) {
    return FunctionEncoder.encode(new Function(InFlightExitGame.FUNC_STARTINFLIGHTEXIT, List.of(
        new DynamicBytes(inFlightTx.toArray()),
        new DynamicArray<>(DynamicBytes.class, new DynamicBytes(new byte[] {1, 2}), new DynamicBytes(new byte[] {3})),
        new DynamicArray<>(Uint256.class, new Uint256(BigInteger.ONE), new Uint256(BigInteger.TWO)),
        new DynamicArray<>(DynamicBytes.class, new DynamicBytes(new byte[0]), new DynamicBytes(new byte[0])),
        new DynamicArray<>(Uint256.class, new Uint256(BigInteger.TEN), new Uint256(BigInteger.TEN)),
        new DynamicArray<>(DynamicBytes.class, new DynamicBytes(SIG_0), new DynamicBytes(SIG_1))), List.of()));
  }

  @Test
  void theSignaturesOfTheCallThatStartedTheExitAreReadInInputOrder() {
    assertThat(StartInFlightExitCall.signatures(call(TX), TX)).contains(List.of(Bytes.of(SIG_0), Bytes.of(SIG_1)));
  }

  @Test
  void anotherFunctionAnotherTransactionOrGarbageYieldsNothing() {
    assertThat(StartInFlightExitCall.signatures(call(TX), Bytes.fromHex("0x01"))).isEmpty();
    String other = "0x12345678" + call(TX).substring(10);
    assertThat(StartInFlightExitCall.signatures(other, TX)).isEmpty();
    assertThat(StartInFlightExitCall.signatures(call(TX).substring(0, 80), TX)).isEmpty();
    assertThat(StartInFlightExitCall.signatures(null, TX)).isEmpty();
  }
}
