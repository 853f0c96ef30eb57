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
      WalletCommand.RetryExit.class,
      WalletCommand.Withdraw.class,
      WalletCommand.Status.class,
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
    @Mixin
    WalletOptions options;

    @Spec
    CommandSpec spec;

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

    /** "1.5 ETH", "20 DEV": the token's own symbol and decimals. */
    String amount(BigInteger wei, Address token) {
      return options.units(token).format(wei);
    }

    /**
     * A user's amount of {@code token}, in whole tokens by its decimals (or base units with a wei
     * suffix).
     */
    BigInteger parseAmount(String text, Address token) {
      org.plasma4j.rootchain.TokenUnits units = options.units(token);
      if (!units.known() && !text.strip().toLowerCase(java.util.Locale.ROOT).endsWith("wei")) {
        // whole tokens mean nothing without decimals: never guess how many base units "1" is
        throw new org.plasma4j.wallet.WalletException.InvalidInput(
            "the token " + token + " does not state its decimals"
                + " (or the root chain cannot be asked): give the amount in base units, e.g. "
                + text.strip() + "wei");
      }
      return Amounts.parse(text, units.decimals());
    }

    /**
     * Progress lines go to stderr, so that stdout stays the result (and valid JSON under --json).
     */
    void progress(String line) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(line);
      err.flush();
    }

    /** The note under a listing cut at its bound. */
    static String incomplete(org.plasma4j.wallet.UtxoListing listing) {
      return "incomplete: the operator lists more outputs of this address than one listing reads;"
          + " shown are the first " + listing.outputs().size()
          + ", so L2 balances are at least these; payments spend from them";
    }

    /** The standard exits this key started from here (see {@link ExitBook}). */
    ExitBook exitBook(Address owner) {
      return new ExitBook(org.plasma4j.wallet.cash.CoinWallet.keyDir(
              DevnetConfig.path(options.env()).resolveSibling("wallet"), owner)
          .resolve("standard-exits"));
    }
  }

  @Command(
      name = "balance",
      description =
          "Show child-chain (L2) and root-chain (L1) balances, and funds on their way out in exits.")
  static final class Balance extends Base {
    @Option(names = "--token", paramLabel = "<eth|dev|0x..>", description = "Also show this token.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--l2-only", description = "Do not contact the root chain.")
    boolean l2Only;

    @Override
    void run(PlasmaWallet wallet) {
      org.plasma4j.wallet.UtxoListing listing = wallet.listing();
      Map<Address, BigInteger> l2 = listing.balances();
      // past the listing's bound the sums are of the outputs read: the balance is at least that
      String atLeast = listing.complete() ? "" : "at least ";
      Map<Address, BigInteger> exiting = new java.util.TreeMap<>();
      List<Map<String, Object>> exits = new ArrayList<>();
      if (!l2Only) {
        exitingOutputs(wallet, exiting, exits);
      }
      TreeSet<Address> shown = new TreeSet<>(l2.keySet());
      shown.addAll(exiting.keySet());
      shown.add(Address.ETH);
      options.devnet().token().map(Address::fromHex).ifPresent(shown::add);
      tokens.forEach(t -> shown.add(options.token(t)));
      List<Map<String, Object>> rows = new ArrayList<>();
      List<List<String>> table = new ArrayList<>();
      for (Address token : shown) {
        BigInteger onL2 = l2.getOrDefault(token, BigInteger.ZERO);
        BigInteger out = exiting.getOrDefault(token, BigInteger.ZERO);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("token", token.toHex());
        row.put("l2", onL2.toString());
        row.put("l2Complete", listing.complete());
        org.plasma4j.rootchain.TokenUnits units = l2Only && !token.isZero()
            ? org.plasma4j.rootchain.TokenUnits.unknown(token)
            : options.units(token);
        List<String> cells = new ArrayList<>(List.of(units.label(), atLeast + units.number(onL2)));
        if (!l2Only) {
          BigInteger onL1 = wallet.l1Balance(token);
          row.put("exiting", out.toString());
          row.put("l1", onL1.toString());
          cells.add(units.number(out));
          cells.add(units.number(onL1));
        }
        rows.add(row);
        table.add(cells);
      }
      List<String> header = l2Only
          ? List.of("token", "L2 (child chain)")
          : List.of("token", "L2 (child chain)", "exiting", "L1 (root chain)");
      StringBuilder text =
          new StringBuilder("address " + wallet.address() + "\n" + Table.render(header, table));
      if (!listing.complete()) {
        text.append("\n").append(incomplete(listing));
      }
      for (Map<String, Object> e : exits) {
        text.append("\n").append(e.get("text"));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("address", wallet.address().toHex());
      json.put("l2Complete", listing.complete());
      json.put("balances", rows);
      if (!l2Only) {
        json.put(
            "exits",
            exits.stream()
                .map(e -> {
                  Map<String, Object> m = new LinkedHashMap<>(e);
                  m.remove("text");
                  return m;
                })
                .toList());
      }
      print(text.toString(), json);
    }

    /**
     * The outputs this key is exiting (started here, see {@link ExitBook}), as the framework has
     * them: an exit still open or challenged is listed, one paid out leaves the book.
     */
    private void exitingOutputs(
        PlasmaWallet wallet, Map<Address, BigInteger> exiting, List<Map<String, Object>> exits) {
      ExitBook book = exitBook(wallet.address());
      List<ExitBook.Entry> entries = book.entries();
      if (entries.isEmpty()) {
        return;
      }
      long now = wallet.rootChainTime();
      for (ExitBook.Entry e : entries) {
        org.plasma4j.wallet.RootChainActions.StandardExit x = wallet.standardExit(e.position());
        if (x.state() == 0 || x.state() == 3) {
          book.remove(e.position()); // never started there, or paid out: no longer on its way
          continue;
        }
        boolean challenged = x.state() == 2;
        if (!challenged) {
          exiting.merge(x.token(), x.amount(), BigInteger::add);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", e.position());
        m.put("token", x.token().toHex());
        m.put("amount", x.amount().toString());
        m.put("state", challenged ? "challenged" : "exiting");
        m.put("exitableAt", e.exitableAt());
        m.put(
            "text",
            "output " + e.position() + ": " + amount(x.amount(), x.token())
                + (challenged
                    ? " exit challenged (it will not be paid)"
                    : " exiting, can be processed at " + Times.at(e.exitableAt(), now)));
        exits.add(m);
      }
    }
  }

  @Command(name = "utxos", description = "List this wallet's unspent child-chain outputs.")
  static final class Utxos extends Base {
    @Override
    void run(PlasmaWallet wallet) {
      org.plasma4j.wallet.UtxoListing listing = wallet.listing();
      List<Utxo> utxos = listing.outputs();
      List<List<String>> table = new ArrayList<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Utxo u : utxos) {
        org.plasma4j.rootchain.TokenUnits units = options.units(u.token());
        table.add(List.of(Long.toString(u.position()), units.label(), units.number(u.amount())));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("position", u.position());
        row.put("blkNum", u.blkNum());
        row.put("txIndex", u.txIndex());
        row.put("outputIndex", u.outputIndex());
        row.put("token", u.token().toHex());
        row.put("amount", u.amount().toString());
        rows.add(row);
      }
      String text = utxos.isEmpty()
          ? "no unspent outputs for " + wallet.address()
          : Table.render(List.of("position", "token", "amount"), table);
      if (!listing.complete()) {
        // the JSON stays a list of outputs: the note goes beside it, to stderr
        if (options.json) {
          progress(incomplete(listing));
        } else {
          text += "\n" + incomplete(listing);
        }
      }
      print(text, rows);
    }
  }

  @Command(
      name = "send",
      description = "Pay someone on the child chain (fee and change are automatic).")
  static final class Send extends Base {
    @Option(
        names = "--to",
        required = true,
        paramLabel = "<0x..>",
        description = "Recipient address.")
    String to;

    @Option(
        names = "--token",
        defaultValue = "eth",
        paramLabel = "<eth|dev|0x..>",
        description = "Token to send (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "<amount>",
        description = "e.g. 0.5 (ether units), 2gwei, 1000wei.")
    String amount;

    @Option(names = "--wait", description = "Wait until the transaction is in a child block.")
    boolean await;

    @Option(
        names = "--timeout",
        defaultValue = "60",
        paramLabel = "<seconds>",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(
        names = "--guardian-dir",
        paramLabel = "<dir>",
        description =
            "Hand the payment to the 'wallet guard' with this data dir (default: .plasma/guardian while a guard runs there).")
    java.nio.file.Path guardianDir;

    @Override
    void run(PlasmaWallet wallet) {
      // every argument is checked before anything is sent: a script that retries on failure must
      // never pay twice
      Duration timeout = WalletOptions.timeout(timeoutSeconds);
      Address recipient = WalletOptions.address(to, "--to");
      Address tokenAddress = options.token(token);
      BigInteger wei = parseAmount(amount, tokenAddress);
      PlasmaWallet.Payment payment = wallet.buildPayment(recipient, tokenAddress, wei);
      java.nio.file.Path guardian = guardianDir != null
          ? guardianDir
          : DevnetConfig.path(options.env()).resolveSibling("guardian");
      boolean guardRuns = RunningGuard.isRunning(guardian);
      boolean handed = guardianDir != null || guardRuns;
      Bytes32 txHash = handed
          ? new GuardedWallet(wallet, new SentOutbox(guardian), System::currentTimeMillis)
              .submit(payment)
          : wallet.submit(payment);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("guardian", handed ? guardian.toString() : null);
      json.put("guardRunning", guardRuns);
      json.put("txHash", txHash.toHex());
      json.put("to", recipient.toHex());
      json.put("token", tokenAddress.toHex());
      json.put("amount", wei.toString());
      json.put("feeToken", payment.feeToken().toHex());
      json.put("fee", payment.fee().toString());
      String text = "sent " + amount(wei, tokenAddress) + " to " + recipient + " (fee "
          + amount(payment.fee(), payment.feeToken()) + ")\ntx " + txHash
          + (!handed
              ? ""
              : guardRuns
                  ? "\nhanded to the running guard in " + guardian
                  : "\nleft in the outbox of " + guardian
                      + ", where no guard runs now: start 'wallet guard' there");
      if (await) {
        TransactionStatus status = wallet.awaitInclusion(txHash, timeout);
        json.put("blkNum", status.blkNum());
        json.put("txIndex", status.txIndex());
        json.put("committed", true);
        text += "\nincluded in block " + status.blkNum() + " at index " + status.txIndex()
            + " (committed on the root chain)";
      }
      print(text, json);
    }
  }

  @Command(
      name = "deposit",
      description = "Deposit ETH or an ERC20 from the root chain into the child chain.")
  static final class DepositCmd extends Base {
    @Option(
        names = "--token",
        defaultValue = "eth",
        paramLabel = "<eth|dev|0x..>",
        description = "Token to deposit (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "<amount>",
        description = "e.g. 1 (whole ETH or tokens), 2gwei, 1000wei.")
    String amount;

    @Option(
        names = "--wait",
        description = "Wait until the operator has credited the deposit (it can then be spent).")
    boolean await;

    @Option(
        names = "--timeout",
        defaultValue = "120",
        paramLabel = "<seconds>",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    void run(PlasmaWallet wallet) {
      Duration timeout = WalletOptions.timeout(timeoutSeconds);
      Address tokenAddress = options.token(token);
      BigInteger wei = parseAmount(amount, tokenAddress);
      if (await) {
        progress("depositing " + amount(wei, tokenAddress) + " on the root chain...");
      }
      Deposit d = wallet.deposit(tokenAddress, wei);
      Map<String, Object> json = receipt(d.receipt());
      json.put("position", d.position());
      json.put("token", tokenAddress.toHex());
      json.put("amount", d.amount().toString());
      String text = "deposited " + amount(d.amount(), tokenAddress) + ": L1 tx "
          + d.receipt().txHash() + "\nnew output at position " + d.position();
      if (await) {
        progress("mined in root-chain block " + d.receipt().blockNumber()
            + "; waiting for the operator to credit output " + d.position() + "...");
        wallet.awaitSpendable(d.position(), timeout);
        json.put("credited", true);
        text += " (credited by the operator: spendable now)";
      } else {
        text += " (spendable once the operator has seen enough confirmations; --wait waits for it)";
      }
      print(text, json);
    }
  }

  @Command(
      name = "exit",
      description = "Start the standard exit of one of your outputs (posts the exit bond).")
  static final class Exit extends Base {
    @Option(
        names = "--position",
        required = true,
        paramLabel = "<position>",
        description = "The output's position (see 'utxos').")
    long position;

    @Option(
        names = "--force",
        description =
            "Exit even an output the operator says is spent: the exit will be challenged and its bond lost to the challenger.")
    boolean force;

    @Override
    void run(PlasmaWallet wallet) {
      L1Receipt r = wallet.exitUnspent(position, force);
      Map<String, Object> json = receipt(r);
      json.put("position", position);
      String text = "exit started for output " + position + ": L1 tx " + r.txHash();
      java.util.Optional<Long> at = wallet.exitableAt(r.txHash());
      if (at.isPresent()) {
        exitBook(wallet.address()).add(new ExitBook.Entry(position, at.get(), r.txHash()));
        json.put("exitableAt", at.get());
        text += "\nit can be processed at " + Times.at(at.get(), wallet.rootChainTime())
            + " if no one challenges it ('wallet process-exits' then pays it)";
      }
      print(text, json);
    }
  }

  @Command(
      name = "challenge",
      description = "Challenge the exit of a spent output (commit, then reveal).")
  static final class Challenge extends Base {
    @Option(
        names = "--position",
        required = true,
        paramLabel = "<position>",
        description = "The exiting output's position.")
    long position;

    @Override
    void run(PlasmaWallet wallet) {
      L1Receipt r = wallet.challenge(position);
      Map<String, Object> json = receipt(r);
      json.put("position", position);
      print(
          "challenged the exit of " + position + ": L1 tx " + r.txHash() + " (the bond is yours)",
          json);
    }
  }

  @Command(
      name = "process-exits",
      description =
          "Pay out matured exits of a token (you earn their bounties); sends nothing when none is ready.")
  static final class ProcessExits extends Base {
    @Option(
        names = "--token",
        defaultValue = "eth",
        paramLabel = "<eth|dev|0x..>",
        description = "Token whose exit queue to process (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(
        names = "--max",
        defaultValue = "10",
        paramLabel = "<n>",
        description = "At most this many exits (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(
        names = "--from-block",
        defaultValue = "0",
        paramLabel = "<n>",
        description =
            "Look for deferred exits from this root-chain block on (default: ${DEFAULT-VALUE}).")
    long fromBlock;

    @Override
    void run(PlasmaWallet wallet) {
      if (max <= 0) {
        throw new IllegalArgumentException("--max must be positive, got " + max);
      }
      Address tokenAddress = options.token(token);
      String label = options.units(tokenAddress).label();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("token", tokenAddress.toHex());
      java.util.Optional<org.plasma4j.wallet.RootChainActions.QueueHead> head =
          wallet.nextExit(tokenAddress);
      long now = wallet.rootChainTime();
      StringBuilder text = new StringBuilder();
      if (head.isEmpty()) {
        json.put("processed", false);
        text.append("nothing to process: no ")
            .append(label)
            .append(" exits are queued (no transaction sent)");
      } else if (head.get().exitableAt() > now) {
        json.put("processed", false);
        json.put("nextExitableAt", head.get().exitableAt());
        text.append("nothing to process yet: the next ")
            .append(label)
            .append(" exit (output ")
            .append(head.get().position())
            .append(", ")
            .append(head.get().queued())
            .append(" queued) can be processed at ")
            .append(Times.at(head.get().exitableAt(), now))
            .append(" (no transaction sent)");
      } else {
        L1Receipt r = wallet.processExits(tokenAddress, max);
        json.putAll(receipt(r));
        json.put("processed", true);
        text.append("processed up to ")
            .append(max)
            .append(' ')
            .append(label)
            .append(" exits: L1 tx ")
            .append(r.txHash());
        wallet.exitsOutcome(r.txHash()).ifPresent(o -> text.append(outcome(o, json)));
      }
      List<Map<String, Object>> deferred = new ArrayList<>();
      for (org.plasma4j.wallet.RootChainActions.DeferredExit d :
          wallet.deferredExits(tokenAddress, fromBlock)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", d.entry().toString());
        m.put("position", d.position());
        m.put("reason", d.reason());
        m.put("l1Block", d.block());
        deferred.add(m);
        text.append("\ndeferred: entry ")
            .append(d.entry())
            .append(" (output ")
            .append(d.position())
            .append(") failed with ")
            .append(d.reason())
            .append(" in root-chain block ")
            .append(d.block())
            .append("; retry it with 'wallet retry-exit --token ")
            .append(token)
            .append(" --entry ")
            .append(d.entry())
            .append("'");
      }
      json.put("deferred", deferred);
      print(text.toString(), json);
    }
  }

  @Command(
      name = "retry-exit",
      description =
          "Pay out an exit that process-exits deferred because its exit game failed (you earn its bounty).")
  static final class RetryExit extends Base {
    @Option(
        names = "--token",
        defaultValue = "eth",
        paramLabel = "<eth|dev|0x..>",
        description = "The exit's token (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(
        names = "--entry",
        required = true,
        paramLabel = "<n>",
        description = "The deferred queue entry (see 'process-exits').")
    BigInteger entry;

    @Override
    void run(PlasmaWallet wallet) {
      Address tokenAddress = options.token(token);
      L1Receipt r = wallet.retryExit(tokenAddress, entry);
      Map<String, Object> json = receipt(r);
      json.put("token", tokenAddress.toHex());
      json.put("entry", entry.toString());
      String said = wallet.exitsOutcome(r.txHash()).map(o -> outcome(o, json)).orElse("");
      print("retried deferred exit entry " + entry + ": L1 tx " + r.txHash() + said, json);
    }
  }

  /**
   * What the framework's events in a processExits / retryExit receipt say, put into {@code json}
   * and as lines: a payout the vault could not cover paid nothing, and a failed one waits in the
   * owner's withdrawable balance.
   */
  static String outcome(
      org.plasma4j.rootchain.FrameworkClient.ExitsOutcome o, Map<String, Object> json) {
    json.put("finalized", o.finalized());
    json.put("omitted", o.omitted());
    json.put("deferredNow", o.deferred());
    json.put("retried", o.retried());
    json.put("payoutsShort", o.shortPaid().stream().map(WalletCommand::payout).toList());
    json.put("payoutsFailed", o.failed().stream().map(WalletCommand::payout).toList());
    StringBuilder text = new StringBuilder("\nthe framework reports ")
        .append(o.finalized())
        .append(" standard exit(s) paid, ")
        .append(o.omitted())
        .append(" omitted, ")
        .append(o.deferred())
        .append(" deferred, ")
        .append(o.retried())
        .append(" retried");
    for (var p : o.shortPaid()) {
      text.append("\nNOT PAID: the vault held less than ")
          .append(p.amount())
          .append(" base units of ")
          .append(WalletOptions.label(p.token()))
          .append(" owed to ")
          .append(p.owner())
          .append(" (nothing paid or credited)");
    }
    for (var p : o.failed()) {
      text.append("\npayout to ")
          .append(p.owner())
          .append(" of ")
          .append(p.amount())
          .append(" base units of ")
          .append(WalletOptions.label(p.token()))
          .append(" failed and was credited to its withdrawable balance ('wallet withdraw')");
    }
    return text.toString();
  }

  private static Map<String, Object> payout(org.plasma4j.rootchain.FrameworkClient.Payout p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("owner", p.owner().toHex());
    m.put("token", p.token().toHex());
    m.put("amount", p.amount().toString());
    return m;
  }

  @Command(
      name = "withdraw",
      description = "Pull exit payouts that could not be sent to you directly.")
  static final class Withdraw extends Base {
    @Option(
        names = "--token",
        defaultValue = "eth",
        paramLabel = "<eth|dev|0x..>",
        description = "Token to withdraw (default: ${DEFAULT-VALUE}).")
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

  @Command(
      name = "status",
      description =
          "Show what became of a transaction: a child-chain payment (by its hash) or a root-chain transaction.")
  static final class Status extends Base {
    @picocli.CommandLine.Parameters(
        index = "0",
        paramLabel = "<txhash>",
        description = "The 0x transaction hash.")
    String hash;

    @Option(
        names = "--timeout",
        defaultValue = "60",
        paramLabel = "<seconds>",
        description = "How long the whole command may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /**
     * One deadline for every read: an operator that answers each page of a block just within the
     * call timeout, or stalls, would otherwise hold a one-shot command for a call a page, and a
     * root-chain node that stalls would hold it for as long as its client waits.
     */
    @Override
    void run(PlasmaWallet wallet) {
      if (!hash.strip().matches("0[xX][0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "a transaction hash is 0x and 64 hex digits, got '" + hash + "'");
      }
      Duration timeout = WalletOptions.timeout(timeoutSeconds);
      Bytes32 txHash = Bytes32.fromHex(hash.strip());
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        run(wallet, txHash, deadline);
      } catch (org.plasma4j.wallet.WalletException.Timeout e) {
        throw new org.plasma4j.wallet.WalletException.Timeout("status of transaction " + txHash
            + " not read within " + timeoutSeconds + " s: " + e.getMessage());
      }
    }

    private void run(PlasmaWallet wallet, Bytes32 txHash, long deadline) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("txHash", txHash.toHex());
      try {
        TransactionStatus s = wallet.operator().getTransaction(txHash, deadline);
        json.put("chain", "child");
        json.put("status", s.status());
        if (s.isIncluded()) {
          // the operator names the block; the root chain's commitment to it decides whether it is
          // included
          json.put("blkNum", s.blkNum());
          json.put("txIndex", s.txIndex());
          String said;
          try {
            Bytes32 commitment = byDeadline(
                deadline,
                "block " + s.blkNum() + "'s commitment",
                () -> wallet.blockCommitment(s.blkNum()));
            org.plasma4j.wallet.Inclusion inclusion = wallet.inclusion(s, commitment, deadline);
            json.put("committed", inclusion instanceof org.plasma4j.wallet.Inclusion.Committed);
            if (inclusion instanceof org.plasma4j.wallet.Inclusion.Disputed d) {
              json.put("disputed", d.why());
            }
            said = inclusion.describe();
          } catch (org.plasma4j.wallet.WalletException.InvalidInput
              | org.plasma4j.wallet.WalletException.RootChainFailure e) {
            json.put("committed", false);
            json.put("unchecked", e.getMessage());
            said = "the operator claims block " + s.blkNum() + " at index " + s.txIndex()
                + ", not checked against the root chain (" + e.getMessage() + ")";
          }
          print("child-chain transaction " + txHash + ": " + said, json);
        } else {
          print(
              "child-chain transaction " + txHash
                  + ": accepted by the operator, not yet in a block (" + s.status() + ")",
              json);
        }
        return;
      } catch (org.plasma4j.wallet.WalletException.OperatorError e) {
        if (e.code() != org.plasma4j.wallet.WalletException.OperatorError.NOT_FOUND) {
          throw e;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new org.plasma4j.wallet.WalletException.Timeout(
            "the deadline passed before the root chain was asked");
      }
      java.util.Optional<org.plasma4j.wallet.RootChainActions.L1Status> l1 =
          byDeadline(deadline, "the transaction's receipt", () -> wallet.l1Status(txHash.toHex()));
      if (l1.isEmpty()) {
        throw new org.plasma4j.wallet.WalletException.UnknownTransaction(txHash.toHex());
      }
      json.put("chain", "root");
      json.put("l1Block", l1.get().blockNumber());
      json.put("status", l1.get().succeeded() ? "succeeded" : "reverted");
      print(
          "root-chain transaction " + txHash + ": "
              + (l1.get().succeeded() ? "succeeded" : "REVERTED") + " in block "
              + l1.get().blockNumber(),
          json);
    }

    /**
     * {@code read}, which asks the root chain, by the deadline. The root-chain client has timeouts
     * of its own per request, not this command's; so the read runs on a thread of its own that the
     * command leaves behind at the deadline (a daemon: it holds nothing the command still needs and
     * ends with the process), and the overrun is {@code Timeout} as for the operator's reads.
     */
    private static <T> T byDeadline(
        long deadline, String what, java.util.function.Supplier<T> read) {
      java.util.concurrent.CompletableFuture<T> answer =
          new java.util.concurrent.CompletableFuture<>();
      Thread reader = Thread.ofPlatform()
          .daemon()
          .name("status-root-chain-read")
          .start(() -> {
            try {
              answer.complete(read.get());
            } catch (Throwable t) {
              answer.completeExceptionally(t);
            }
          });
      try {
        return answer.get(
            Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        reader.interrupt();
        throw new org.plasma4j.wallet.WalletException.Timeout(
            "the root chain did not answer by the deadline (reading " + what + ")");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reader.interrupt();
        throw new org.plasma4j.wallet.WalletException.Timeout(
            "interrupted while reading " + what + " from the root chain");
      }
    }
  }
}
