package org.plasma4j.core.cash;

/** What a coin holds (docs/protocol.md §9.1); the code is the uint8 the contract stores. */
public enum CoinKind {
  ETH(0),
  ERC20(1),
  ERC721(2);

  private final int code;

  CoinKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static CoinKind of(int code) {
    for (CoinKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown coin kind " + code);
  }
}
