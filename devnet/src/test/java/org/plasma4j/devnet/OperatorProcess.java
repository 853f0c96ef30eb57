package org.plasma4j.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.plasma4j.core.types.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * An operator in a JVM of its own, so that a test can kill it with SIGKILL at any moment.
 * Arguments: ethRpc framework token dataDir rpcPort.
 */
public final class OperatorProcess {

  private OperatorProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Web3j web3j = Web3j.build(new HttpService(args[0]));
    Devnet.Options options = new Devnet.Options(
        0,
        Integer.parseInt(args[4]),
        3600,
        Duration.ofMillis(300),
        65_536,
        Optional.empty(),
        false);
    Devnet.startOperator(
        web3j, Address.fromHex(args[1]), Address.fromHex(args[2]), Path.of(args[3]), options);
    System.out.println("OPERATOR READY");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
