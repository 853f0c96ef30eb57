package org.plasma4j.wallet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.SignedCoinTransfer;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The wallet's secp256k1 key, loaded from raw hex or an Ethereum V3 keystore. It signs child-chain
 * transactions (through core) and root-chain transactions (through web3j). Neither toString nor any
 * error message ever contains the key.
 */
public final class WalletKey {

  private final PrivateKey privateKey;
  private final Address address;

  private WalletKey(PrivateKey privateKey) {
    this.privateKey = privateKey;
    this.address = privateKey.address();
  }

  /** A 32-byte private key as hex, with or without 0x. */
  public static WalletKey fromHex(String hex) {
    String trimmed = hex.strip();
    String digits =
        trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed;
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      throw new WalletException.InvalidInput(
          "not a private key: expected 64 hex digits (32 bytes), optionally 0x-prefixed");
    }
    try {
      return new WalletKey(PrivateKey.fromHex(digits));
    } catch (IllegalArgumentException e) {
      throw new WalletException.InvalidInput("not a valid secp256k1 private key");
    }
  }

  /** Decrypts a standard Ethereum V3 keystore (scrypt or pbkdf2) with its password. */
  public static WalletKey fromKeystore(Path keystore, String password) {
    if (!Files.isRegularFile(keystore)) {
      throw new WalletException.InvalidInput("keystore file not found: " + keystore);
    }
    try {
      Credentials credentials = WalletUtils.loadCredentials(password, keystore.toFile());
      byte[] raw = credentials.getEcKeyPair().getPrivateKey().toByteArray();
      byte[] key = new byte[32];
      int copy = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - copy, key, 32 - copy, copy);
      return new WalletKey(new PrivateKey(key));
    } catch (CipherException e) {
      throw new WalletException.InvalidInput(
          "cannot decrypt keystore " + keystore + ": wrong password?");
    } catch (IOException | RuntimeException e) {
      throw new WalletException.InvalidInput(
          "not an Ethereum V3 keystore: " + keystore + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Reads the password from a file (trailing newline stripped) and decrypts the keystore. */
  public static WalletKey fromKeystore(Path keystore, Path passwordFile) {
    try {
      return fromKeystore(keystore, Files.readString(passwordFile).stripTrailing());
    } catch (IOException e) {
      throw new WalletException.InvalidInput("cannot read password file " + passwordFile);
    }
  }

  public Address address() {
    return address;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /** Signs a coin transfer (docs/protocol.md section 9.2) under the framework's EIP-712 domain. */
  public SignedCoinTransfer signCoinTransfer(CoinTransfer transfer, Domain domain) {
    return SignedCoinTransfer.sign(transfer, privateKey, domain);
  }

  /** The same key for web3j, to sign root-chain transactions. */
  public Credentials credentials() {
    return Credentials.create(org.web3j.utils.Numeric.toHexStringNoPrefix(privateKey.value()));
  }

  @Override
  public String toString() {
    return "WalletKey[" + address + "]";
  }
}
