package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

/**
 * One root-chain action the guardian decided on. Actions with the same {@link #key()} are the same
 * action: the journal records each key once it succeeds, so it is never taken twice.
 */
public sealed interface Action {

  String key();

  /** One line for the report. */
  String describe();

  /** Exits an output of a valid block with its own exit and bond. */
  record StartStandardExit(OwnedOutput output) implements Action {
    @Override
    public String key() {
      return "exit:" + output.position();
    }

    @Override
    public String describe() {
      return "standard exit of " + output.position() + " (" + output.amount() + " of "
          + output.token() + ", owner " + output.owner() + ")";
    }
  }

  /** Exits many outputs of one owner and token in one transaction; positions ascending. */
  record StartMassExit(Address owner, Address token, List<OwnedOutput> outputs) implements Action {
    public StartMassExit {
      outputs = List.copyOf(outputs);
    }

    @Override
    public String key() {
      return "mass:" + owner + ":" + token + ":" + outputs.getFirst().position() + "+"
          + outputs.size();
    }

    @Override
    public String describe() {
      return "mass exit of " + outputs.size() + " outputs of " + token + " (owner " + owner + ")";
    }

    public List<Long> positions() {
      return outputs.stream().map(OwnedOutput::position).toList();
    }
  }

  /** Starts the in-flight exit of one of the guardian's own transactions: MoreVP's sender duty. */
  record StartInFlightExit(InFlightTx tx, Address initiator) implements Action {
    @Override
    public String key() {
      return "ife:" + tx.txHash();
    }

    @Override
    public String describe() {
      return "in-flight exit of " + tx.txHash() + " by " + initiator;
    }
  }

  /** Claims an input or output of an in-flight exit for its owner. */
  record Piggyback(
      Transaction tx, boolean onOutput, int index, Address owner, Address token, BigInteger amount)
      implements Action {
    public Bytes32 txHash() {
      return tx.hash();
    }

    @Override
    public String key() {
      return "piggyback:" + txHash() + ":" + (onOutput ? "out" : "in") + ":" + index;
    }

    @Override
    public String describe() {
      return "piggyback on " + (onOutput ? "output " : "input ") + index + " of " + txHash() + " ("
          + amount + " of " + token + ", owner " + owner + ")";
    }
  }

  /** Processes the matured exits at the head of a token's queue. Repeatable, so keyed by token. */
  record ProcessExits(Address token, int maxExits) implements Action {
    @Override
    public String key() {
      return "process:" + token;
    }

    @Override
    public String describe() {
      return "process up to " + maxExits + " exits of " + token;
    }
  }

  /** Pays the owners of a processed mass exit. */
  record WithdrawMassExit(BigInteger batchId, Address token) implements Action {
    @Override
    public String key() {
      return "withdraw-mass:" + batchId;
    }

    @Override
    public String describe() {
      return "pay out mass exit " + batchId + " of " + token;
    }
  }
}
