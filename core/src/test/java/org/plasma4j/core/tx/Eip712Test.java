package org.plasma4j.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.web3j.crypto.StructuredDataEncoder;

class Eip712Test {
  private static final Transaction TX = Transaction.payment(
      List.of(OutputPosition.of(1000, 2, 1), OutputPosition.of(7, 0, 0)),
      List.of(
          new Output(DevKeys.ACCOUNT_1.address(), Fixtures.ETH, BigInteger.valueOf(5)),
          new Output(DevKeys.ACCOUNT_2.address(), Fixtures.TOKEN, Fixtures.TWO_POW_255)),
      Bytes32.ofUint(77));

  @Test
  void typeHashesAreKeccakOfTheTypeStrings() {
    assertThat(Eip712.DOMAIN_TYPEHASH.toHex())
        .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
  }

  @Test
  void digestMatchesWeb3jStructuredDataEncoder() throws Exception {
    String json = typedDataJson(TX, Fixtures.DOMAIN);
    StructuredDataEncoder web3j = new StructuredDataEncoder(json);
    assertThat(Hex.encode(web3j.hashDomain()))
        .isEqualTo(Fixtures.DOMAIN.separator().toHex());
    assertThat(Hex.encode(web3j.hashStructuredData()))
        .isEqualTo(Hex.encode(Eip712.digest(TX, Fixtures.DOMAIN)));
  }

  @Test
  void digestIsAKnownValue() {
    // pinned after the cross-check above; guards against accidental changes to the encoding
    assertThat(Fixtures.DOMAIN.separator().toHex())
        .isEqualTo("0x01695203aaa991b5b4090b0fc4d8e7a891d7443252e32a4cf99c131e2903a59d");
  }

  @Test
  void digestDependsOnTheDomain() {
    Domain other = new Domain(1, Fixtures.FRAMEWORK);
    assertThat(Eip712.digest(TX, other)).isNotEqualTo(Eip712.digest(TX, Fixtures.DOMAIN));
  }

  static String typedDataJson(Transaction tx, Domain domain) {
    String inputs =
        tx.inputs().stream().map(p -> Long.toString(p.encode())).collect(Collectors.joining(","));
    String outputs = tx.outputs().stream()
        .map(o -> "{\"outputType\":1,\"owner\":\"" + o.owner().toHex() + "\",\"token\":\""
            + o.token().toHex() + "\",\"amount\":\"" + o.amount() + "\"}")
        .collect(Collectors.joining(","));
    return """
                {"types":{
                  "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                    {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                  "Transaction":[{"name":"txType","type":"uint256"},{"name":"inputs","type":"uint256[]"},
                    {"name":"outputs","type":"Output[]"},{"name":"metadata","type":"bytes32"}],
                  "Output":[{"name":"outputType","type":"uint256"},{"name":"owner","type":"address"},
                    {"name":"token","type":"address"},{"name":"amount","type":"uint256"}]},
                 "primaryType":"Transaction",
                 "domain":{"name":"Plasma4j","version":"1","chainId":%d,"verifyingContract":"%s"},
                 "message":{"txType":%d,"inputs":[%s],"outputs":[%s],"metadata":"%s"}}
                """.formatted(
            domain.chainId(),
            domain.verifyingContract().toHex(),
            tx.txType(),
            inputs,
            outputs,
            tx.metadata().toHex());
  }
}
