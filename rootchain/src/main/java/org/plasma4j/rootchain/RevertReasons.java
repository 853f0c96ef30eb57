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
 * Turns a node's "custom error 0x69086a83: 00..e9" revert text into {@code AlreadyExiting(1001000000000)}
 * using the ABIs of the framework and its exit games, so wallet users and operators read a reason instead of a selector.
 */
final class RevertReasons {

  private static final Pattern CUSTOM = Pattern.compile("custom error (0x[0-9a-fA-F]{8}):?\\s*([0-9a-fA-F]*)");
  private static final Map<String, ErrorAbi> ERRORS = load();

  private record ErrorAbi(String name, List<String> types) {}

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
    return error.name() + "(" + renderArgs(error.types(), m.group(2)) + ")";
  }

  /** Static words only: every Plasma4j error argument is a uint, int, address, bool or bytes32. */
  private static String renderArgs(List<String> types, String data) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < types.size() && (i + 1) * 64 <= data.length(); i++) {
      String word = data.substring(i * 64, (i + 1) * 64);
      String type = types.get(i);
      String value =
          type.equals("address")
              ? "0x" + word.substring(24)
              : type.startsWith("uint") || type.startsWith("int") || type.equals("bool")
                  ? new BigInteger(word, 16).toString()
                  : "0x" + word;
      out.append(i == 0 ? "" : ", ").append(value);
    }
    return out.toString();
  }

  /** The framework's and the exit games' custom errors (a game reverts with its own or ExitGameBase's). */
  private static Map<String, ErrorAbi> load() {
    Map<String, ErrorAbi> errors = new HashMap<>();
    for (String contract : List.of("PlasmaFramework", "InFlightExitGame", "MassExitGame", "CashExitGame")) {
      loadInto(errors, "abi/" + contract + ".abi");
    }
    return errors;
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
        entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
        String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
        String selector = Numeric.toHexString(Hash.sha3(signature.getBytes())).substring(0, 10);
        errors.putIfAbsent(selector, new ErrorAbi(entry.path("name").asText(), List.copyOf(types)));
      }
    } catch (IOException e) {
      // without the ABI, messages stay as the node reported them
    }
  }
}
