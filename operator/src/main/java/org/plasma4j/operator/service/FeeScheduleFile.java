package org.plasma4j.operator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;

/**
 * Reads a fee schedule: a JSON object from token address to amount, e.g.
 * {@code {"0x0000000000000000000000000000000000000000": "1000"}}. Amounts may be JSON numbers or
 * decimal strings (strings keep amounts above 2^53 exact). The CLI form {@code token=amount,...} is
 * parsed too.
 */
public final class FeeScheduleFile {

  private FeeScheduleFile() {}

  public static FeeSchedule read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          file + ": a fee schedule is a JSON object {token: amount}");
    }
    Map<Address, BigInteger> fees = new LinkedHashMap<>();
    root.fields()
        .forEachRemaining(e ->
            fees.put(Address.fromHex(e.getKey()), new BigInteger(e.getValue().asText())));
    return new FeeSchedule(fees);
  }

  /** Parses {@code token=amount[,token=amount...]}. */
  public static FeeSchedule parse(String spec) {
    Map<Address, BigInteger> fees = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String[] kv = pair.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("fee entry '" + pair + "' is not token=amount");
      }
      fees.put(Address.fromHex(kv[0].trim()), new BigInteger(kv[1].trim()));
    }
    return new FeeSchedule(fees);
  }
}
