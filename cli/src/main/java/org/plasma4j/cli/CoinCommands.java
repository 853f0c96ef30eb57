package org.plasma4j.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plasma4j.core.cash.CoinKind;
import org.plasma4j.core.types.Address;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.L1Receipt;
import org.plasma4j.wallet.WalletException.InvalidInput;
import org.plasma4j.wallet.cash.BundleInbox;
import org.plasma4j.wallet.cash.CashChain;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.StoredCoin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Plasma Cash commands of {@code plasma wallet} (docs/wallet.md): the light client's coins,
 * each kept with its verified history under the wallet directory ({@code .plasma/wallet} by
 * default).
 */
final class CoinCommands {

  private CoinCommands() {}

  /** Shared by the coin commands: the coin wallet of the selected key. */
  abstract static class CoinBase extends WalletCommand.Base {
    @Option(
        names = "--wallet-dir",
        paramLabel = "<dir>",
        description = "Where coins and inboxes live (default: .plasma/wallet).")
    Path walletDir;

    @Option(
        names = "--start-block",
        paramLabel = "<n>",
        description = "Root-chain block the framework was deployed in, where coin roots and claims"
            + " are read from (default: the devnet file's, when the framework is the running"
            + " devnet's, else 0); checked on chain.")
    Long startBlock;

    @Override
    final void run(PlasmaWallet ignored) {
      run(CoinWallet.connect(
          options.walletKey(),
          options.operatorRpc(),
          options.ethRpc(),
          options::framework,
          StartBlock.resolve(startBlock, options.framework == null, options.devnet()),
          walletRoot()));
    }

    abstract void run(CoinWallet wallet);

    Path walletRoot() {
      return walletDir != null
          ? walletDir
          : DevnetConfig.path(options.env()).resolveSibling("wallet");
    }

    static String slot(long slot) {
      return Long.toUnsignedString(slot);
    }

    static long parseSlot(String text) {
      try {
        return Long.parseUnsignedLong(text.strip());
      } catch (NumberFormatException e) {
        throw new InvalidInput("--slot must be a coin slot (0 to 2^64-1), got '" + text + "'");
      }
    }

    String describe(StoredCoin c) {
      CoinKind kind = CoinKind.of(c.kind());
      return switch (kind) {
        case ETH -> amount(c.value(), Address.ETH);
        case ERC20 -> amount(c.value(), c.token());
        case ERC721 -> "token #" + c.value() + " of " + options.units(c.token()).label();
      };
    }

    static Map<String, Object> coinJson(StoredCoin c) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("slot", slot(c.slot()));
      m.put("kind", CoinKind.of(c.kind()).name().toLowerCase(Locale.ROOT));
      m.put("token", c.token().toHex());
      m.put("value", c.value().toString());
      m.put("originBlock", c.originBlock());
      m.put("originOwner", c.originOwner().toHex());
      m.put("coinBlock", c.coinBlock());
      m.put("syncedTo", c.syncedTo());
      m.put("historyBytes", c.history().length());
      return m;
    }
  }

  @Command(
      name = "coins",
      description = "Import coins sent to you (verifying their history), sync and list your coins.")
  static final class Coins extends CoinBase {
    @Option(names = "--no-sync", description = "Only list what is stored; contact nothing.")
    boolean noSync;

    @Override
    void run(CoinWallet wallet) {
      StringBuilder text = new StringBuilder();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("address", wallet.address().toHex());
      if (!noSync) {
        List<Map<String, Object>> received = new ArrayList<>();
        for (CoinWallet.Received r : wallet.receive()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("bundle", r.bundle().getFileName().toString());
          m.put("slot", slot(r.slot()));
          m.put("accepted", r.accepted());
          m.put("reason", r.reason());
          received.add(m);
          text.append(
                  r.accepted()
                      ? "accepted coin " + slot(r.slot()) + " from "
                          + r.bundle().getFileName()
                      : "REJECTED " + r.bundle().getFileName() + ": " + r.message())
              .append('\n');
        }
        json.put("received", received);
        wallet.syncAll().stream()
            .filter(s -> !s.owned())
            .forEach(s -> text.append("coin ")
                .append(slot(s.slot()))
                .append(" now belongs to ")
                .append(s.owner())
                .append('\n'));
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      List<List<String>> table = new ArrayList<>();
      long now = noSync ? 0 : options.wallet().rootChainTime();
      for (CoinWallet.OwnedCoin c : wallet.coins()) {
        StoredCoin s = c.stored();
        Map<String, Object> row = coinJson(s);
        String state = "";
        if (!noSync) {
          // an exiting coin cannot move: it is listed with its state, and with when this key's exit
          // matures
          int onChain = wallet
              .coinOnChain(s.slot())
              .map(CashChain.OnChainCoin::state)
              .orElse(CashChain.DEPOSITED);
          state = CoinWallet.state(onChain);
          row.put("state", state);
          if (onChain == CashChain.EXITING) {
            CashChain.PendingClaim mine = wallet.exitOf(s.slot());
            if (mine.exists()) {
              row.put("exitableAt", mine.exitableAt());
              state += ", finalize " + Times.relative(mine.exitableAt() - now);
            }
          }
        }
        rows.add(row);
        table.add(List.of(
            slot(s.slot()),
            describe(s),
            state,
            Long.toString(s.coinBlock()),
            Long.toString(s.syncedTo()),
            s.history().length() + "B"));
      }
      text.append(
          Table.render(List.of("slot", "coin", "state", "owned@", "synced", "history"), table));
      if (rows.isEmpty()) {
        text.append("\nno coins for ").append(wallet.address());
      }
      json.put("coins", rows);
      print(text.toString(), json);
    }
  }

  @Command(
      name = "deposit-coin",
      description = "Deposit ETH, an ERC20 amount or an ERC721 token as a Plasma Cash coin.")
  static final class DepositCoin extends CoinBase {
    @Option(
        names = "--kind",
        defaultValue = "eth",
        paramLabel = "<eth|erc20|erc721>",
        description = "What the coin holds (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(
        names = "--token",
        paramLabel = "<dev|0x..>",
        description = "The ERC20 or ERC721 contract.")
    String token;

    @Option(
        names = "--amount",
        paramLabel = "<amount>",
        description = "ETH or ERC20 amount, e.g. 1 (ether units), 2gwei.")
    String amount;

    @Option(names = "--token-id", paramLabel = "<id>", description = "The ERC721 token id.")
    BigInteger tokenId;

    @Override
    void run(CoinWallet wallet) {
      CoinKind k = switch (kind.strip().toLowerCase(Locale.ROOT)) {
        case "eth" -> CoinKind.ETH;
        case "erc20" -> CoinKind.ERC20;
        case "erc721" -> CoinKind.ERC721;
        default ->
          throw new InvalidInput("--kind must be eth, erc20 or erc721, got '" + kind + "'");
      };
      Address tokenAddress =
          k == CoinKind.ETH ? Address.ETH : options.token(requireOption(token, "--token"));
      BigInteger value = k == CoinKind.ERC721
          ? requireOption(tokenId, "--token-id")
          : parseAmount(requireOption(amount, "--amount"), tokenAddress);
      CoinWallet.Deposited d = wallet.deposit(k, tokenAddress, value);
      CoinWallet.OwnedCoin c = d.coin();
      Map<String, Object> json = coinJson(c.stored());
      json.putAll(receipt(d.receipt()));
      print(
          "deposited coin " + slot(c.slot()) + ": " + describe(c.stored()) + " (origin block "
              + c.origin().block() + "): L1 tx " + d.receipt().txHash(),
          json);
    }

    private <T> T requireOption(T value, String name) {
      if (value == null) {
        throw new InvalidInput("a " + kind + " coin needs " + name);
      }
      return value;
    }
  }

  @Command(
      name = "send-coin",
      description =
          "Send a coin: the operator includes the transfer, then the receiver gets its history as a bundle.")
  static final class SendCoin extends CoinBase {
    @Option(
        names = "--slot",
        required = true,
        paramLabel = "<slot>",
        description = "The coin (see 'coins').")
    String slotText;

    @Option(names = "--to", required = true, paramLabel = "<0x..>", description = "The new owner.")
    String to;

    @Option(
        names = "--inbox",
        paramLabel = "<dir>",
        description =
            "Deliver the bundle to this directory (default: the receiver's inbox in the wallet dir).")
    Path inbox;

    @Option(
        names = "--timeout",
        defaultValue = "120",
        paramLabel = "<seconds>",
        description = "How long to wait for the transfer's block (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    void run(CoinWallet wallet) {
      long slot = parseSlot(slotText);
      Address receiver = WalletOptions.address(to, "--to");
      Duration timeout = WalletOptions.timeout(timeoutSeconds);
      CoinWallet.Sent sent = inbox != null
          ? wallet.sendCoin(slot, receiver, new BundleInbox(inbox), timeout)
          : wallet.sendCoin(slot, receiver, timeout);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("slot", slot(slot));
      json.put("to", receiver.toHex());
      json.put("txHash", sent.txHash().toHex());
      json.put("blkNum", sent.block());
      json.put("bundle", sent.bundle().toString());
      print(
          "sent coin " + slot(slot) + " to " + receiver + " in block " + sent.block() + "\nbundle "
              + sent.bundle(),
          json);
    }
  }

  @Command(
      name = "exit-coin",
      description =
          "Exit a coin to the root chain: start (bonded), then --finalize, then --withdraw.")
  static final class ExitCoin extends CoinBase {
    @Option(names = "--slot", required = true, paramLabel = "<slot>", description = "The coin.")
    String slotText;

    @Option(
        names = "--finalize",
        description = "Finalize the matured exit instead of starting one.")
    boolean finalize;

    @Option(
        names = "--withdraw",
        description = "Withdraw the exited coin's funds, then every bond credited to you.")
    boolean withdraw;

    @Override
    void run(CoinWallet wallet) {
      long slot = parseSlot(slotText);
      if (finalize && withdraw) {
        throw new InvalidInput("give --finalize or --withdraw, not both");
      }
      L1Receipt r = finalize
          ? wallet.finalizeExit(slot)
          : withdraw ? wallet.withdraw(slot) : wallet.exitCoin(slot);
      String what =
          finalize ? "finalized the exit of" : withdraw ? "withdrew" : "started the exit of";
      Map<String, Object> json = receipt(r);
      json.put("slot", slot(slot));
      String text = what + " coin " + slot(slot) + ": L1 tx " + r.txHash();
      if (!finalize && !withdraw) {
        CashChain.PendingClaim mine = wallet.exitOf(slot);
        if (mine.exists()) {
          json.put("exitableAt", mine.exitableAt());
          text += "\nit can be finalized at "
              + Times.at(mine.exitableAt(), options.wallet().rootChainTime())
              + " if no challenge is left open ('wallet exit-coin --slot " + slot(slot)
              + " --finalize')";
        }
      }
      if (withdraw && wallet.bonds().signum() > 0) {
        L1Receipt bonds = wallet.withdrawBonds();
        json.put("bondsL1TxHash", bonds.txHash());
        text += "\nwithdrew your credited bonds: L1 tx " + bonds.txHash();
      }
      print(text, json);
    }
  }

  @Command(
      name = "checkpoint",
      description =
          "Checkpoint a coin's ownership on the root chain (bonded); --finalize then drops older history.")
  static final class Checkpoint extends CoinBase {
    @Option(names = "--slot", required = true, paramLabel = "<slot>", description = "The coin.")
    String slotText;

    @Option(
        names = "--finalize",
        description = "Finalize the matured checkpoint and drop the history before it.")
    boolean finalize;

    @Override
    void run(CoinWallet wallet) {
      long slot = parseSlot(slotText);
      L1Receipt r = finalize ? wallet.finalizeCheckpoint(slot) : wallet.checkpoint(slot);
      Map<String, Object> json = receipt(r);
      json.put("slot", slot(slot));
      print(
          (finalize ? "finalized the checkpoint of" : "started a checkpoint of") + " coin "
              + slot(slot) + ": L1 tx " + r.txHash(),
          json);
    }
  }

  @Command(
      name = "history",
      description =
          "Show a coin's stored history: its transfers and exclusion proofs since its origin.")
  static final class History extends CoinBase {
    @Option(names = "--slot", required = true, paramLabel = "<slot>", description = "The coin.")
    String slotText;

    @Override
    void run(CoinWallet wallet) {
      long slot = parseSlot(slotText);
      CoinWallet.OwnedCoin c = wallet.coin(slot);
      StringBuilder text =
          new StringBuilder("coin " + slot(slot) + ": " + describe(c.stored()) + ", origin block "
              + c.origin().block() + " (" + c.origin().owner() + "), verified through block "
              + c.stored().syncedTo()
              + ", " + c.stored().history().length() + " bytes stored");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (CoinWallet.HistoryLine l : wallet.history(slot)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block", l.block());
        m.put("kind", l.kind());
        l.newOwner().ifPresent(o -> m.put("newOwner", o.toHex()));
        m.put("proofBytes", l.proofBytes());
        rows.add(m);
        text.append(String.format(
            "%n%10d %-9s %s",
            l.block(), l.kind(), l.newOwner().map(o -> "-> " + o).orElse("")));
      }
      Map<String, Object> json = coinJson(c.stored());
      json.put("entries", rows);
      print(text.toString(), json);
    }
  }
}
