package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devtools.AnvilNode;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.FrameworkDeployer;
import org.plasma4j.rootchain.FrameworkDeployer.FrameworkParams;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A deposit's result is read from the receipt's logs, and a token's transferFrom runs inside the
 * deposit: a token that emits a log shaped like the framework's DepositCreated (same signature, its
 * own address) must not be taken for the framework's. The token here (source:
 * resources/tokens/LogForgingToken.sol.txt, solc 0.8.30 --optimize) moves the amount honestly and
 * emits DepositCreated(blkNum 77, amount x 10^6).
 */
class DepositForgedLogIT {

  private static final String BYTECODE =
      "0x6080604052348015600e575f5ffd5b506040516104e53803806104e5833981016040819052602b916048565b6001600160a01b039091165f90815260208190526040902055607d565b5f5f604083850312156058575f5ffd5b82516001600160a01b0381168114606d575f5ffd5b6020939093015192949293505050565b61045b8061008a5f395ff3fe608060405234801561000f575f5ffd5b506004361061007a575f3560e01c806370a082311161005857806370a08231146100c757806395d89b41146100f4578063a9059cbb14610119578063dd62ed3e1461012c575f5ffd5b8063095ea7b31461007e57806323b872dd146100a6578063313ce567146100b9575b5f5ffd5b61009161008c3660046102ec565b610156565b60405190151581526020015b60405180910390f35b6100916100b4366004610314565b610183565b6040515f815260200161009d565b6100e66100d536600461034e565b5f6020819052908152604090205481565b60405190815260200161009d565b604080518082018252600381526213119560ea1b6020820152905161009d919061036e565b6100916101273660046102ec565b610277565b6100e661013a3660046103a3565b600160209081525f928352604080842090915290825290205481565b335f9081526001602081815260408084206001600160a01b03871685529091529091208290555b92915050565b6001600160a01b0383165f9081526001602090815260408083203384529091528120805483919083906101b79084906103e8565b90915550506001600160a01b0384165f90815260208190526040812080548492906101e39084906103e8565b90915550506001600160a01b0383165f908152602081905260408120805484929061020f9084906103fb565b90915550604d9050306001600160a01b0386167ffc852923abf3eb246299c5105d2a87c4a3ee31671fd0cb9eb35f5a24313acd0861025086620f424061040e565b604080519182525f6020830152429082015260600160405180910390a45060019392505050565b335f908152602081905260408120805483919083906102979084906103e8565b90915550506001600160a01b0383165f90815260208190526040812080548492906102c39084906103fb565b909155506001949350505050565b80356001600160a01b03811681146102e7575f5ffd5b919050565b5f5f604083850312156102fd575f5ffd5b610306836102d1565b946020939093013593505050565b5f5f5f60608486031215610326575f5ffd5b61032f846102d1565b925061033d602085016102d1565b929592945050506040919091013590565b5f6020828403121561035e575f5ffd5b610367826102d1565b9392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f5f604083850312156103b4575f5ffd5b6103bd836102d1565b91506103cb602084016102d1565b90509250929050565b634e487b7160e01b5f52601160045260245ffd5b8181038181111561017d5761017d6103d4565b8082018082111561017d5761017d6103d4565b808202811582820484141761017d5761017d6103d456fea26469706673582212206ac90db648a2a5cb937895ac0f1ee22363336c832fec837ab511aeacd8a714a464736f6c634300081e0033";

  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Address framework;
  private static Address token;
  private static FrameworkRootChain rootChain;
  private static PlasmaWallet wallet;

  @BeforeAll
  static void deploy() throws Exception {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials deployer = Credentials.create(DevAccounts.privateKey(DevAccounts.DEPLOYER));
    Address operator = Address.fromHex(
        Credentials.create(DevAccounts.privateKey(DevAccounts.OPERATOR)).getAddress());
    framework =
        new FrameworkDeployer(web3j, deployer).deployFramework(FrameworkParams.defaults(operator));
    WalletKey key = WalletKey.fromHex(DevAccounts.privateKey(2));
    String args = FunctionEncoder.encodeConstructor(java.util.List.of(
        new org.web3j.abi.datatypes.Address(key.address().toHex()), new Uint256(1000)));
    String hash = web3j
        .ethSendTransaction(Transaction.createContractTransaction(
            deployer.getAddress(),
            null,
            null,
            BigInteger.valueOf(3_000_000),
            BigInteger.ZERO,
            BYTECODE + args))
        .send()
        .getTransactionHash();
    TransactionReceipt deployed = null;
    for (int i = 0; i < 100 && deployed == null; i++) {
      Optional<TransactionReceipt> r =
          web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      deployed = r.orElse(null);
      if (deployed == null) {
        Thread.sleep(100);
      }
    }
    assertThat(deployed).isNotNull();
    assertThat(deployed.isStatusOK()).isTrue();
    token = Address.fromHex(deployed.getContractAddress());
    rootChain = new FrameworkRootChain(anvil.rpcUrl(), key, () -> framework);
    wallet = new PlasmaWallet(key, new OperatorClient(URI.create("http://127.0.0.1:1")), rootChain);
  }

  @AfterAll
  static void stop() {
    rootChain.close();
    web3j.shutdown();
    anvil.close();
  }

  @Test
  void theDepositReportedIsTheFrameworksNotOneATokenForged() {
    Deposit d = wallet.deposit(token, BigInteger.valueOf(400));
    assertThat(wallet.l1Balance(token))
        .isEqualTo(600); // the deposit went through: 400 left the account
    // the framework's first deposit block is 1; the token's log names block 77 and 400 000 000
    // units
    assertThat(d.amount()).as("what the framework received").isEqualTo(BigInteger.valueOf(400));
    assertThat(d.position())
        .as("the framework's deposit output")
        .isEqualTo(OutputPosition.of(1, 0, 0).encode());
  }
}
