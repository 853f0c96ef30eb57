package org.plasma4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;

class StartBlockTest {

  private static final String ETH_RPC = "http://127.0.0.1:8545";
  private static final String FRAMEWORK = "0x00000000000000000000000000000000000000aa";

  private static final DevnetConfig DEVNET = new DevnetConfig(
      Optional.of(ETH_RPC),
      Optional.of("http://127.0.0.1:9545"),
      Optional.of(FRAMEWORK),
      Optional.empty(),
      Optional.of(31337L),
      Optional.of(42L));

  @Test
  void aGivenStartWinsElseTheDevnetFilesDeploymentBlockForItsContractsElseZero() {
    assertThat(StartBlock.resolve(7L, true, DEVNET)).isEqualTo(7);
    assertThat(StartBlock.resolve(null, true, DEVNET)).isEqualTo(42);
    assertThat(StartBlock.resolve(null, false, DEVNET)).isZero();
    assertThat(StartBlock.resolve(null, true, DevnetConfig.none())).isZero();
    assertThatThrownBy(() -> StartBlock.resolve(-1L, true, DEVNET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--start-block must not be negative, got -1");
  }

  @Test
  void theOperatorTakesTheDevnetFilesBlockOnlyForTheDevnetsFrameworkOnTheDevnetsRootChain() {
    OperatorCommand operator = new OperatorCommand();
    operator.ethRpc = ETH_RPC;
    assertThat(operator.startBlock(DEVNET, Address.fromHex(FRAMEWORK))).isEqualTo(42);
    assertThat(operator.startBlock(DEVNET, Address.fromHex(FRAMEWORK.replace("aa", "ab"))))
        .as("another framework")
        .isZero();
    operator.ethRpc = "https://mainnet.example";
    assertThat(operator.startBlock(DEVNET, Address.fromHex(FRAMEWORK)))
        .as("another root chain")
        .isZero();
    operator.startBlock = 5L;
    assertThat(operator.startBlock(DEVNET, Address.fromHex(FRAMEWORK))).isEqualTo(5);
  }
}
