package org.plasma4j.rootchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns a node's "custom error 0x69086a83: 00..40" revert text into
 * {@code AlreadyExiting(1001000000)} using the ABIs of the framework and its exit games, so wallet
 * users and operators read a reason instead of a selector. The standard errors of token contracts
 * (OpenZeppelin's ERC-6093 errors, SafeERC20's, Solidity's {@code Error(string)} and
 * {@code Panic(uint256)}) are known too, and read as a sentence.
 */
final class RevertReasons {

  private static final Pattern CUSTOM =
      Pattern.compile("custom error (0x[0-9a-fA-F]{8}):?\\s*([0-9a-fA-F]*)");

  /**
   * {@code words} has {@code {0}}, {@code {1}}.. for the arguments, or is empty to show name(args);
   * {@code names} are the ABI's argument names (empty where unknown).
   */
  private record ErrorAbi(String name, List<String> types, String words, List<String> names) {
    ErrorAbi(String name, List<String> types, String words) {
      this(name, types, words, List.of());
    }
  }

  /**
   * Errors of the tokens a deposit touches, in words (OpenZeppelin 5's IERC20Errors, IERC721Errors,
   * ...).
   */
  private static final List<String[]> STANDARD = List.of(
      new String[] {
        "ERC20InsufficientBalance(address,uint256,uint256)",
        "the token balance of {0} is {1}, less than the {2} asked for"
      },
      new String[] {
        "ERC20InsufficientAllowance(address,uint256,uint256)",
        "{0} may spend only {1} of the owner's tokens, less than the {2} asked for (approve more first)"
      },
      new String[] {"ERC20InvalidSender(address)", "the token refuses to send from {0}"},
      new String[] {"ERC20InvalidReceiver(address)", "the token refuses to send to {0}"},
      new String[] {"ERC20InvalidApprover(address)", "the token refuses an approval by {0}"},
      new String[] {"ERC20InvalidSpender(address)", "the token refuses {0} as a spender"},
      new String[] {"ERC721NonexistentToken(uint256)", "token #{0} does not exist"},
      new String[] {
        "ERC721IncorrectOwner(address,uint256,address)",
        "{0} does not own token #{1} (its owner is {2})"
      },
      new String[] {
        "ERC721InsufficientApproval(address,uint256)", "{0} is not approved for token #{1}"
      },
      new String[] {"ERC721InvalidOwner(address)", "{0} cannot own ERC721 tokens"},
      new String[] {"ERC721InvalidReceiver(address)", "{0} cannot receive ERC721 tokens"},
      new String[] {"ERC721InvalidApprover(address)", "{0} cannot approve this token"},
      new String[] {"ERC721InvalidOperator(address)", "{0} cannot be an operator of this token"},
      new String[] {
        "SafeERC20FailedOperation(address)", "the token {0} refused or failed the transfer"
      },
      new String[] {"AddressEmptyCode(address)", "there is no contract at {0}"},
      new String[] {"FailedCall()", "a call the contract made failed"},
      new String[] {"ReentrancyGuardReentrantCall()", "the contract refused a re-entrant call"},
      new String[] {"EnforcedPause()", "the token is paused"},
      new String[] {"OwnableUnauthorizedAccount(address)", "{0} is not the contract's owner"},
      new String[] {"Error(string)", "{0}"},
      new String[] {"Panic(uint256)", "the contract panicked (code {0})"});

  private static final Map<String, ErrorAbi> ERRORS = load();

  private RevertReasons() {}

  static String explain(String message) {
    if (message == null) {
      return "";
    }
    Matcher m = CUSTOM.matcher(message);
    if (!m.find()) {
      return message;
    }
    ErrorAbi error = ERRORS.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
    if (error == null) {
      return message;
    }
    return render(error, m.group(2));
  }

  /**
   * The error a revert's data (selector and ABI-encoded arguments, 0x-prefixed) names, if it is
   * known.
   */
  static java.util.Optional<String> explainData(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return java.util.Optional.empty();
    }
    ErrorAbi error = ERRORS.get(revertData.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
    return java.util.Optional.ofNullable(error).map(e -> render(e, revertData.substring(10)));
  }

  private static String render(ErrorAbi error, String data) {
    if (error.types().equals(List.of("string"))) {
      return error.name() + ": " + decodeString(data);
    }
    List<String> args = new java.util.ArrayList<>(renderArgs(error.types(), data));
    for (int i = 0; i < args.size() && i < error.names().size(); i++) {
      args.set(i, asDate(error.names().get(i), args.get(i)));
    }
    if (error.words().isEmpty()) {
      return error.name() + "(" + String.join(", ", args) + ")";
    }
    String words = error.words();
    for (int i = 0; i < args.size(); i++) {
      words = words.replace("{" + i + "}", args.get(i));
    }
    return error.name() + ": " + words;
  }

  /**
   * A time argument ({@code exitableAt}, {@code deadline}, {@code ...Timestamp}) as a UTC date
   * beside its epoch seconds, so "ClaimNotMature(1796467745)" reads "ClaimNotMature(exitableAt
   * 2026-12-05 10:49:05 UTC = 1796467745)".
   */
  private static String asDate(String name, String value) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    boolean time = name.endsWith("At") || n.contains("deadline") || n.contains("timestamp");
    if (!time || !value.matches("\\d{1,12}")) {
      return value;
    }
    String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.ofEpochSecond(Long.parseLong(value)));
    return name + " " + date + " = " + value;
  }

  /** An ABI-encoded string: its offset word, then its length word and bytes. */
  private static String decodeString(String data) {
    try {
      int offset = new BigInteger(data.substring(0, 64), 16).intValueExact() * 2;
      int length = new BigInteger(data.substring(offset, offset + 64), 16).intValueExact();
      byte[] bytes =
          Numeric.hexStringToByteArray(data.substring(offset + 64, offset + 64 + length * 2));
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return "0x" + data;
    }
  }

  /** Static words only: every Plasma4j error argument is a uint, int, address, bool or bytes32. */
  private static List<String> renderArgs(List<String> types, String data) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < types.size() && (i + 1) * 64 <= data.length(); i++) {
      String word = data.substring(i * 64, (i + 1) * 64);
      String type = types.get(i);
      String value = type.equals("address")
          ? "0x" + word.substring(24)
          : type.startsWith("uint") || type.startsWith("int") || type.equals("bool")
              ? new BigInteger(word, 16).toString()
              : "0x" + word;
      out.add(value);
    }
    return out;
  }

  /**
   * The framework's and the exit games' custom errors (a game reverts with its own or
   * ExitGameBase's).
   */
  private static Map<String, ErrorAbi> load() {
    Map<String, ErrorAbi> errors = new HashMap<>();
    for (String[] standard : STANDARD) {
      String signature = standard[0];
      String name = signature.substring(0, signature.indexOf('('));
      String params = signature.substring(name.length() + 1, signature.length() - 1);
      List<String> types = params.isEmpty() ? List.of() : List.of(params.split(","));
      errors.put(selector(signature), new ErrorAbi(name, types, standard[1]));
    }
    for (String contract :
        List.of("PlasmaFramework", "InFlightExitGame", "MassExitGame", "CashExitGame")) {
      loadInto(errors, "abi/" + contract + ".abi");
    }
    return errors;
  }

  private static String selector(String signature) {
    return Numeric.toHexString(
            Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .substring(0, 10);
  }

  private static void loadInto(Map<String, ErrorAbi> errors, String resource) {
    try (InputStream in = RevertReasons.class.getResourceAsStream(resource)) {
      if (in == null) {
        return;
      }
      for (JsonNode entry : new ObjectMapper().readTree(in)) {
        if (!"error".equals(entry.path("type").asText())) {
          continue;
        }
        List<String> types = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        entry.path("inputs").forEach(input -> {
          types.add(input.path("type").asText());
          names.add(input.path("name").asText());
        });
        String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
        errors.putIfAbsent(
            selector(signature),
            new ErrorAbi(entry.path("name").asText(), List.copyOf(types), "", List.copyOf(names)));
      }
    } catch (IOException e) {
      // without the ABI, messages stay as the node reported them
    }
  }
}
