package org.plasma4j.explorer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * The {@code eth_signTypedData_v4} argument for a transaction: the same domain, types and fields as
 * {@link Eip712}, so that the wallet shows the inputs, outputs and amounts it signs and its
 * signature is over {@link Eip712#digest}. Amounts and positions are decimal strings: JSON numbers
 * lose precision above 2^53 in the browser.
 */
public final class TypedData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TypedData() {}

  public static ObjectNode of(Transaction tx, Domain domain) {
    ObjectNode root = envelope(domain, "Transaction");
    ObjectNode types = (ObjectNode) root.get("types");
    fields(
        types.putArray("Transaction"),
        "txType",
        "uint256",
        "inputs",
        "uint256[]",
        "outputs",
        "Output[]",
        "metadata",
        "bytes32");
    fields(
        types.putArray("Output"),
        "outputType",
        "uint256",
        "owner",
        "address",
        "token",
        "address",
        "amount",
        "uint256");
    ObjectNode message = root.putObject("message");
    message.put("txType", Integer.toString(tx.txType()));
    ArrayNode inputs = message.putArray("inputs");
    for (OutputPosition p : tx.inputs()) {
      inputs.add(Long.toString(p.encode()));
    }
    ArrayNode outputs = message.putArray("outputs");
    for (Output o : tx.outputs()) {
      ObjectNode out = outputs.addObject();
      out.put("outputType", Integer.toString(Output.OUTPUT_TYPE_PAYMENT));
      out.put("owner", o.owner().toHex());
      out.put("token", o.token().toHex());
      out.put("amount", o.amount().toString());
    }
    message.put("metadata", Hex.encode(tx.metadata().value()));
    return root;
  }

  /**
   * The typed data of a coin transfer (docs/protocol.md 9.2): the previous owner signs
   * {@code CoinTransfer(uint64 slot,uint64 prevBlock,address newOwner)} under the framework's
   * domain.
   */
  public static ObjectNode of(CoinTransfer transfer, Domain domain) {
    ObjectNode root = envelope(domain, "CoinTransfer");
    ObjectNode types = (ObjectNode) root.get("types");
    fields(
        types.putArray("CoinTransfer"),
        "slot",
        "uint64",
        "prevBlock",
        "uint64",
        "newOwner",
        "address");
    root.putObject("message")
        .put("slot", Long.toUnsignedString(transfer.slot()))
        .put("prevBlock", Long.toUnsignedString(transfer.prevBlock()))
        .put("newOwner", transfer.newOwner().toHex());
    return root;
  }

  /** The parts every typed datum shares: the domain's type, the primary type and the domain. */
  private static ObjectNode envelope(Domain domain, String primaryType) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode types = root.putObject("types");
    fields(
        types.putArray("EIP712Domain"),
        "name",
        "string",
        "version",
        "string",
        "chainId",
        "uint256",
        "verifyingContract",
        "address");
    root.put("primaryType", primaryType);
    ObjectNode d = root.putObject("domain");
    d.put("name", Eip712.NAME);
    d.put("version", Eip712.VERSION);
    d.put("chainId", domain.chainId());
    d.put("verifyingContract", domain.verifyingContract().toHex());
    return root;
  }

  private static void fields(ArrayNode into, String... nameTypePairs) {
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      into.addObject().put("name", nameTypePairs[i]).put("type", nameTypePairs[i + 1]);
    }
  }
}
