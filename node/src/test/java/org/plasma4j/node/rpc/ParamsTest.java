package org.plasma4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.api.RpcError;

/** Hex quantities: a count or an offset is below 2^63, a coin's slot may use all 64 bits. */
class ParamsTest {

  private static Params params(String json) throws Exception {
    return Params.of(new ObjectMapper().readTree(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"0x8000000000000000\"", "\"0xffffffffffffffff\"", "\"0x\"", "\"0x-1\""})
  void aHexQuantityOf2To63OrMoreIsNotANonNegativeLong(String param) throws Exception {
    Params p = params("[" + param + "]");
    assertThatThrownBy(() -> p.nonNegativeLong(0))
        .isInstanceOfSatisfying(
            RpcException.class, e -> assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS));
  }

  @Test
  void hexAndDecimalQuantitiesBelow2To63AreTheSame() throws Exception {
    Params p = params("[\"0x7fffffffffffffff\", 9223372036854775807, \"0x3E8\", 1000]");
    assertThat(p.nonNegativeLong(0)).isEqualTo(p.nonNegativeLong(1)).isEqualTo(Long.MAX_VALUE);
    assertThat(p.nonNegativeLong(2)).isEqualTo(p.nonNegativeLong(3)).isEqualTo(1000);
  }

  @Test
  void aSlotKeepsAll64BitsInHexAndDecimal() throws Exception {
    Params p = params("[\"0xffffffffffffffff\", 18446744073709551615, \"0x8000000000000000\"]");
    assertThat(p.uint64(0)).isEqualTo(p.uint64(1)).isEqualTo(-1L);
    assertThat(p.uint64(2)).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> params("[\"0x1ffffffffffffffff\"]").uint64(0))
        .isInstanceOf(RpcException.class);
  }
}
