package org.plasma4j.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.DomainCheck.Reason;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

class DomainCheckTest {
  private static final Address FRAMEWORK = Address.fromHex("0x" + "f0".repeat(20));
  private static final Address OTHER = Address.fromHex("0x" + "0e".repeat(20));
  private static final Domain DOMAIN = new Domain(31337, FRAMEWORK);

  @Test
  void theFrameworksOwnSeparatorMustBeTheOneOfTheChainIdAndItsAddress() {
    assertThat(DomainCheck.separator(DOMAIN, DOMAIN.separator())).isEmpty();
    assertThat(DomainCheck.separator(DOMAIN, new Domain(1, FRAMEWORK).separator()))
        .get()
        .extracting(DomainCheck.Mismatch::reason)
        .isEqualTo(Reason.DOMAIN_SEPARATOR);
    assertThat(DomainCheck.separator(DOMAIN, Bytes32.ZERO))
        .get()
        .extracting(DomainCheck.Mismatch::reason)
        .isEqualTo(Reason.DOMAIN_SEPARATOR);
  }

  @Test
  void theCashGameMustCheckSignaturesUnderThePinnedFramework() {
    assertThat(DomainCheck.cashGame(DOMAIN, OTHER, FRAMEWORK)).isEmpty();
    assertThat(DomainCheck.cashGame(DOMAIN, OTHER, OTHER))
        .get()
        .extracting(DomainCheck.Mismatch::reason)
        .isEqualTo(Reason.CASH_GAME);
  }

  @Test
  void anOperatorNamingAnotherChainOrFrameworkIsAMismatch() {
    assertThat(DomainCheck.operator(DOMAIN, 31337, FRAMEWORK)).isEmpty();
    assertThat(DomainCheck.operator(DOMAIN, 1, FRAMEWORK))
        .get()
        .extracting(DomainCheck.Mismatch::reason)
        .isEqualTo(Reason.OPERATOR_CHAIN_ID);
    assertThat(DomainCheck.operator(DOMAIN, 31337, OTHER))
        .get()
        .extracting(DomainCheck.Mismatch::reason)
        .isEqualTo(Reason.OPERATOR_FRAMEWORK);
    assertThatThrownBy(() -> DomainCheck.require(DomainCheck.operator(DOMAIN, 1, FRAMEWORK)))
        .isInstanceOf(DomainCheck.MismatchException.class)
        .hasMessageContaining("OPERATOR_CHAIN_ID")
        .satisfies(e -> assertThat(((DomainCheck.MismatchException) e).reason())
            .isEqualTo(Reason.OPERATOR_CHAIN_ID));
  }
}
