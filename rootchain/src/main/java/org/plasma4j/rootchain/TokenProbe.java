package org.plasma4j.rootchain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Reads what a token contract says of itself with plain {@code eth_call}s, none of which can change
 * anything: whether there is code at the address, ERC-165's ERC-721 interface, {@code balanceOf},
 * {@code ownerOf}, {@code symbol()} and {@code decimals()}. A call that reverts or answers junk
 * reads as absent, so a contract that is no token at all is told apart from one that is.
 */
public final class TokenProbe {

  /** ERC-165 interface id of ERC-721. */
  private static final byte[] ERC721_INTERFACE = {(byte) 0x80, (byte) 0xac, 0x58, (byte) 0xcd};

  private final Web3j web3j;
  private final DefaultBlockParameter block;

  public TokenProbe(Web3j web3j) {
    this(web3j, DefaultBlockParameterName.LATEST);
  }

  /**
   * A probe that reads every answer at root-chain block {@code block} (e.g. a {@link BlockByHash}).
   */
  public TokenProbe(Web3j web3j, DefaultBlockParameter block) {
    this.web3j = web3j;
    this.block = block;
  }

  /**
   * What a deposit of {@code token} by {@code owner} needs to know (the id only for an ERC-721).
   */
  public DepositCheck.TokenFacts facts(Address token, Address owner, Optional<BigInteger> tokenId) {
    boolean code = hasCode(token);
    if (!code) {
      return new DepositCheck.TokenFacts(false, false, Optional.empty(), Optional.empty());
    }
    return new DepositCheck.TokenFacts(
        true, isErc721(token), balanceOf(token, owner), tokenId.flatMap(id -> ownerOf(token, id)));
  }

  public boolean hasCode(Address token) {
    try {
      String code = web3j.ethGetCode(token.toHex(), block).send().getCode();
      return code != null && code.length() > 2;
    } catch (IOException e) {
      throw new Web3jRootChain.RootChainException("cannot read the code at " + token, e);
    }
  }

  public boolean isErc721(Address token) {
    Function f = new Function(
        "supportsInterface",
        List.of(new Bytes4(ERC721_INTERFACE)),
        List.of(new TypeReference<org.web3j.abi.datatypes.Bool>() {}));
    return call(token, f).map(v -> (Boolean) v.getValue()).orElse(false);
  }

  public Optional<BigInteger> balanceOf(Address token, Address owner) {
    return uint(
        token,
        new Function(
            "balanceOf",
            List.of(new org.web3j.abi.datatypes.Address(owner.toHex())),
            List.of(new TypeReference<Uint256>() {})));
  }

  public Optional<Address> ownerOf(Address token, BigInteger tokenId) {
    Function f = new Function(
        "ownerOf",
        List.of(new Uint256(tokenId)),
        List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}));
    return call(token, f).map(v -> Address.fromHex((String) v.getValue()));
  }

  public Optional<String> symbol(Address token) {
    Function f = new Function("symbol", List.of(), List.of(new TypeReference<Utf8String>() {}));
    return call(token, f)
        .map(v -> (String) v.getValue())
        .filter(s -> !s.isBlank() && s.length() <= 32);
  }

  public Optional<Integer> decimals(Address token) {
    Function f = new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {}));
    return call(token, f).map(v -> ((BigInteger) v.getValue()).intValue());
  }

  private Optional<BigInteger> uint(Address token, Function f) {
    return call(token, f).map(v -> (BigInteger) v.getValue());
  }

  @SuppressWarnings("rawtypes")
  private Optional<Type> call(Address token, Function f) {
    try {
      EthCall r = web3j
          .ethCall(
              Transaction.createEthCallTransaction(null, token.toHex(), FunctionEncoder.encode(f)),
              block)
          .send();
      if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 66) {
        return Optional.empty();
      }
      List<Type> values = FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    } catch (IOException e) {
      throw new Web3jRootChain.RootChainException("cannot call " + f.getName() + " on " + token, e);
    } catch (RuntimeException e) {
      return Optional.empty(); // junk that does not decode as the type asked for
    }
  }
}
