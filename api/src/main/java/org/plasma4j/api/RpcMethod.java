package org.plasma4j.api;

import java.util.Arrays;
import java.util.Optional;

/** The wire names of the operator's JSON-RPC methods, defined once (docs/protocol.md section 6). */
public enum RpcMethod implements WireName {
  SEND_TRANSACTION("plasma_sendTransaction"),
  SEND_TRANSACTIONS("plasma_sendTransactions"),
  SEND_TRANSACTIONS_COMPACT("plasma_sendTransactionsCompact"),
  GET_BLOCK("plasma_getBlock"),
  GET_BLOCK_BODY("plasma_getBlockBody"),
  GET_BLOCK_LEAVES("plasma_getBlockLeaves"),
  GET_BLOCK_NUMBER("plasma_getBlockNumber"),
  GET_TRANSACTION("plasma_getTransaction"),
  GET_UTXOS("plasma_getUtxos"),
  GET_EXIT_DATA("plasma_getExitData"),
  GET_CHALLENGE_DATA("plasma_getChallengeData"),
  GET_FEE_SCHEDULE("plasma_getFeeSchedule"),
  GET_CHAIN_INFO("plasma_getChainInfo"),
  SEND_COIN_TRANSFER("plasma_sendCoinTransfer"),
  GET_COIN("plasma_getCoin"),
  GET_COIN_PROOFS("plasma_getCoinProofs"),
  GET_HEALTH("plasma_getHealth");

  private final String wireName;

  RpcMethod(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  public static Optional<RpcMethod> fromWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }
}
