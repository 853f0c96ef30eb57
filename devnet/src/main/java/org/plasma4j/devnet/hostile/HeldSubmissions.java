package org.plasma4j.devnet.hostile;

import java.math.BigInteger;
import java.util.function.BooleanSupplier;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.operator.chain.SubmissionPort;

/**
 * A submission port that holds every formed block back while {@code held} says so: the operator
 * neither sends nor confirms, its blocks wait in order and go out once released. Only a devnet or a
 * test wires it in (through {@code OperatorNode.Builder#submissions}), to withhold blocks on
 * purpose.
 */
public record HeldSubmissions(SubmissionPort port, BooleanSupplier held) implements SubmissionPort {

  @Override
  public boolean open() {
    return !held.getAsBoolean() && port.open();
  }

  @Override
  public Bytes32 submitBlock(Bytes32 root, BigInteger nonce, BigInteger maxFeePerGas) {
    return port.submitBlock(root, nonce, maxFeePerGas);
  }

  @Override
  public Bytes32 submitBlockWithCoins(
      Bytes32 root, Bytes32 coinRoot, BigInteger nonce, BigInteger maxFeePerGas) {
    return port.submitBlockWithCoins(root, coinRoot, nonce, maxFeePerGas);
  }
}
