package org.plasma4j.devnet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.plasma4j.guardian.Guardian;
import org.plasma4j.guardian.GuardianConfig;
import org.plasma4j.guardian.JournalFile;
import org.plasma4j.guardian.L1Executor;
import org.plasma4j.guardian.WatcherAdvice;
import org.plasma4j.guardian.WatcherRpcClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A guardian in a JVM of its own, polling every 200 ms, so that a test can kill it with SIGKILL at
 * any moment. Arguments: ethRpc framework privateKey dataDir watcherUrl massExitThreshold
 * deployedAt (the framework's deployment block). Prints its lines.
 */
public final class GuardianProcess {

  private GuardianProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Address framework = Address.fromHex(args[1]);
    Web3j web3j = Web3j.build(new HttpService(args[0]));
    long mep = new Web3jRootChain(web3j, framework, Optional.empty()).info().minExitPeriodSeconds();
    L1Executor l1 = new L1Executor(
        new HttpService(args[0]),
        framework,
        Long.parseLong(args[6]),
        List.of(Credentials.create(args[2])));
    GuardianConfig config =
        GuardianConfig.defaults(mep).withMassExitThreshold(Integer.parseInt(args[5]));
    Guardian guardian = new Guardian(
        config,
        l1.addresses(),
        new WatcherAdvice(new WatcherRpcClient(URI.create(args[4]), Duration.ofSeconds(10))),
        l1,
        l1,
        new JournalFile(Path.of(args[3])),
        System::currentTimeMillis,
        line -> {
          System.out.println(line);
          System.out.flush();
        });
    System.out.println("GUARDIAN READY");
    System.out.flush();
    while (true) {
      guardian.pollOnce();
      Thread.sleep(200);
    }
  }
}
