package org.plasma4j.rootchain;

import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Bytes;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Reads the inputs' signatures from the calldata of a {@code startInFlightExit} call. The game verifies
 * each against its input's owner before it emits {@code InFlightExitStarted}, so the signatures of a call
 * that emitted the event are the owners' signatures over the in-flight transaction: evidence against any
 * other exit of those inputs. Pure.
 */
public final class StartInFlightExitCall {

  static final String SIGNATURE = "startInFlightExit(bytes,bytes[],uint256[],bytes[],uint256[],bytes[])";
  static final String SELECTOR = Hash.sha3String(SIGNATURE).substring(0, 10);

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final List<TypeReference<Type>> PARAMETERS = (List) List.of(
      new TypeReference<DynamicBytes>() {},
      new TypeReference<DynamicArray<DynamicBytes>>() {},
      new TypeReference<DynamicArray<Uint256>>() {},
      new TypeReference<DynamicArray<DynamicBytes>>() {},
      new TypeReference<DynamicArray<Uint256>>() {},
      new TypeReference<DynamicArray<DynamicBytes>>() {});

  private StartInFlightExitCall() {}

  /**
   * The signatures of {@code input} if it is a direct {@code startInFlightExit} call of {@code inFlightTx};
   * empty for any other call (another function, a call through another contract, another transaction).
   */
  public static Optional<List<Bytes>> signatures(String input, Bytes inFlightTx) {
    if (input == null || !input.toLowerCase().startsWith(SELECTOR)) {
      return Optional.empty();
    }
    try {
      List<Type> args = FunctionReturnDecoder.decode(Numeric.prependHexPrefix(input.substring(10)), PARAMETERS);
      if (args.size() != PARAMETERS.size() || !Bytes.of((byte[]) args.get(0).getValue()).equals(inFlightTx)) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      List<DynamicBytes> sigs = ((DynamicArray<DynamicBytes>) args.get(5)).getValue();
      return Optional.of(sigs.stream().map(s -> Bytes.of(s.getValue())).toList());
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}
