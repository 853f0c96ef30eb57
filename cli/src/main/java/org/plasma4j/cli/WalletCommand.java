package org.plasma4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.guardian.GuardedWallet;
import org.plasma4j.guardian.SentOutbox;
import org.plasma4j.wallet.OperatorClient.TransactionStatus;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.Utxo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plasma wallet}: a user's balances, payments and root-chain actions. */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    description = "Hold, send, deposit and exit funds on a Plasma4j chain.",
    subcommands = {
      WalletCommand.Balance.class,
      WalletCommand.Utxos.class,
      WalletCommand.Send.class,
      WalletCommand.DepositCmd.class,
      WalletCommand.Exit.class,
      WalletCommand.Challenge.class,
      WalletCommand.ProcessExits.class,
      WalletCommand.Withdraw.class,
      CoinCommands.Coins.class,
      CoinCommands.DepositCoin.class,
      CoinCommands.SendCoin.class,
      CoinCommands.ExitCoin.class,
      CoinCommands.Checkpoint.class,
      CoinCommands.History.class,
      GuardCommand.class
    })
public final class WalletCommand {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Shared by the subcommands: options, wallet creation and output in text or JSON. */
  @Command(mixinStandardHelpOptions = true)
  abstract static class Base implements Callable<Integer> {
    @Mixin WalletOptions options;
    @Spec CommandSpec spec;

    @Override
    public final Integer call() {
      run(options.wallet());
      return 0;
    }

    abstract void run(PlasmaWallet wallet);

    /** Prints {@code json} under --json, else {@code text}. */
    void print(String text, Object json) {
      PrintWriter out = spec.commandLine().getOut();
      if (options.json) {
        try {
          out.println(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        out.println(text);
      }
      out.flush();
    }

    static Map<String, Object> receipt(L1Receipt r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("l1TxHash", r.txHash());
      m.put("l1Block", r.blockNumber());
      return m;
    }

    static String amount(BigInteger wei, Address token) {
      return Amounts.format(wei) + " " + WalletOptions.label(token);
    }
  }

  @Command(name = "balance", description = "Show child-chain (L2) and root-chain (L1) balances.")
  static final class Balance extends Base {
    @Option(names = "--token", paramLabel = "<eth|dev|0x..>", description = "Also show this token.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--l2-only", description = "Do not contact the root chain.")
    boolean l2Only;

    @Override
    void run(PlasmaWallet wallet) {
      Map<Address, BigInteger> l2 = wallet.l2Balances();
      TreeSet<Address> shown = new TreeSet<>(l2.keySet());
      shown.add(Address.ETH);
      options.devnet().token().map(Address::fromHex).ifPresent(shown::add);
      tokens.forEach(t -> shown.add(options.token(t)));
      StringBuilder text = new StringBuilder("address " + wallet.address() + "\n");
      text.append(String.format("%-44s %24s %24s", "token", "L2 (child chain)", l2Only ? "" : "L1 (root chain)"));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Address token : shown) {
        BigInteger onL2 = l2.getOrDefault(token, BigInteger.ZERO);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("token", token.toHex());
        row.put("l2", onL2.toString());
        String l1Text = "";
        if (!l2Only) {
          BigInteger onL1 = wallet.l1Balance(token);
          row.put("l1", onL1.toString());
          l1Text = Amounts.format(onL1);
        }
        rows.add(row);
        text.append(String.format("%n%-44s %24s %24s", WalletOptions.label(token), Amounts.format(onL2), l1Text));
      }
      print(text.toString().stripTrailing(), Map.of("address", wallet.address().toHex(), "balances", rows));
    }
  }

  @Command(name = "utxos", description = "List this wallet's unspent child-chain outputs.")
  static final class Utxos extends Base {
    @Override
    void run(PlasmaWallet wallet) {
      List<Utxo> utxos = wallet.utxos();
      StringBuilder text = new StringBuilder(String.format("%-20s %-44s %s", "position", "token", "amount"));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Utxo u : utxos) {
        text.append(String.format("%n%-20d %-44s %s", u.position(), WalletOptions.label(u.token()), Amounts.format(u.amount())));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("position", u.position());
        row.put("blkNum", u.blkNum());
        row.put("txIndex", u.txIndex());
        row.put("outputIndex", u.outputIndex());
        row.put("token", u.token().toHex());
        row.put("amount", u.amount().toString());
        rows.add(row);
      }
      if (utxos.isEmpty()) {
        text = new StringBuilder("no unspent outputs for " + wallet.address());
      }
      print(text.toString(), rows);
    }
  }

  @Command(name = "send", description = "Pay someone on the child chain (fee and change are automatic).")
  static final class Send extends Base {
    @Option(names = "--to", required = true, paramLabel = "<0x..>", description = "Recipient address.")
    String to;

    @Option(names = "--token", defaultValue = "eth", paramLabel = "<eth|dev|0x..>", description = "Token to send (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--amount", required = true, paramLabel = "<amount>", description = "e.g. 0.5 (ether units), 2gwei, 1000wei.")
    String amount;

    @Option(names = "--wait", description = "Wait until the transaction is in a child block.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "<seconds>", description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--guardian-dir", paramLabel = "<dir>", description = "Hand the payment to the 'wallet guard' with this data dir (default: .plasma/guardian if it exists).")
    java.nio.file.Path guardianDir;

    @Override
    void run(PlasmaWallet wallet) {
      // every argument is checked before anything is sent: a script that retries on failure must never pay twice
      if (timeoutSeconds <= 0) {
        throw new IllegalArgumentException("--timeout must be a positive number of seconds, got " + timeoutSeconds);
      }
      Address recipient = WalletOptions.address(to, "--to");
      Address tokenAddress = options.token(token);
      BigInteger wei = Amounts.parse(amount);
      PlasmaWallet.Payment payment = wallet.buildPayment(recipient, tokenAddress, wei);
      java.nio.file.Path guardian = guardianDir != null ? guardianDir : DevnetConfig.path(options.env()).resolveSibling("guardian");
      Bytes32 txHash = guardianDir != null || java.nio.file.Files.isDirectory(guardian)
          ? new GuardedWallet(wallet, new SentOutbox(guardian), System::currentTimeMillis).submit(payment)
          : wallet.submit(payment);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("txHash", txHash.toHex());
      json.put("to", recipient.toHex());
      json.put("token", tokenAddress.toHex());
      json.put("amount", wei.toString());
      json.put("feeToken", payment.feeToken().toHex());
      json.put("fee", payment.fee().toString());
      String text =
          "sent " + amount(wei, tokenAddress) + " to " + recipient + " (fee " + amount(payment.fee(), payment.feeToken()) + ")\ntx " + txHash;
      if (await) {
        TransactionStatus status = wallet.awaitInclusion(txHash, Duration.ofSeconds(timeoutSeconds));
        json.put("blkNum", status.blkNum());
        json.put("txIndex", status.txIndex());
        text += "\nincluded in block " + status.blkNum() + " at index " + status.txIndex();
      }
      print(text, json);
    }
  }

  @Command(name = "deposit", description = "Deposit ETH or an ERC20 from the root chain into the child chain.")
  static final class DepositCmd extends Base {
    @Option(names = "--token", defaultValue = "eth", paramLabel = "<eth|dev|0x..>", description = "Token to deposit (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--amount", required = true, paramLabel = "<amount>", description = "e.g. 1 (ether units), 2gwei, 1000wei.")
    String amount;

    @Override
    void run(PlasmaWallet wallet) {
      Address tokenAddress = options.token(token);
      BigInteger wei = Amounts.parse(amount);
      Deposit d = wallet.deposit(tokenAddress, wei);
      Map<String, Object> json = receipt(d.receipt());
      json.put("position", d.position());
      json.put("token", tokenAddress.toHex());
      json.put("amount", d.amount().toString());
      print(
          "deposited " + amount(d.amount(), tokenAddress) + ": L1 tx " + d.receipt().txHash()
              + "\nnew output at position " + d.position()
              + " (spendable once the operator has seen enough confirmations)",
          json);
    }
  }

  @Command(name = "exit", description = "Start the standard exit of one of your outputs (posts the exit bond).")
  static final class Exit extends Base {
    @Option(names = "--position", required = true, paramLabel = "<position>", description = "The output's position (see 'utxos').")
    long position;

    @Option(names = "--force", description = "Exit even an output the operator says is spent: the exit will be challenged and its bond lost to the challenger.")
    boolean force;

    @Override
    void run(PlasmaWallet wallet) {
      L1Receipt r = wallet.exitUnspent(position, force);
      Map<String, Object> json = receipt(r);
      json.put("position", position);
      print("exit started for output " + position + ": L1 tx " + r.txHash(), json);
    }
  }

  @Command(name = "challenge", description = "Challenge the exit of a spent output (commit, then reveal).")
  static final class Challenge extends Base {
    @Option(names = "--position", required = true, paramLabel = "<position>", description = "The exiting output's position.")
    long position;

    @Override
    void run(PlasmaWallet wallet) {
      L1Receipt r = wallet.challenge(position);
      Map<String, Object> json = receipt(r);
      json.put("position", position);
      print("challenged the exit of " + position + ": L1 tx " + r.txHash() + " (the bond is yours)", json);
    }
  }

  @Command(name = "process-exits", description = "Pay out matured exits of a token (you earn their bounties).")
  static final class ProcessExits extends Base {
    @Option(names = "--token", defaultValue = "eth", paramLabel = "<eth|dev|0x..>", description = "Token whose exit queue to process (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--max", defaultValue = "10", paramLabel = "<n>", description = "At most this many exits (default: ${DEFAULT-VALUE}).")
    int max;

    @Override
    void run(PlasmaWallet wallet) {
      Address tokenAddress = options.token(token);
      L1Receipt r = wallet.processExits(tokenAddress, max);
      Map<String, Object> json = receipt(r);
      json.put("token", tokenAddress.toHex());
      print("processed up to " + max + " " + WalletOptions.label(tokenAddress) + " exits: L1 tx " + r.txHash(), json);
    }
  }

  @Command(name = "withdraw", description = "Pull exit payouts that could not be sent to you directly.")
  static final class Withdraw extends Base {
    @Option(names = "--token", defaultValue = "eth", paramLabel = "<eth|dev|0x..>", description = "Token to withdraw (default: ${DEFAULT-VALUE}).")
    String token;

    @Override
    void run(PlasmaWallet wallet) {
      Address tokenAddress = options.token(token);
      L1Receipt r = wallet.withdraw(tokenAddress);
      Map<String, Object> json = receipt(r);
      json.put("token", tokenAddress.toHex());
      print("withdrew " + WalletOptions.label(tokenAddress) + ": L1 tx " + r.txHash(), json);
    }
  }
}
