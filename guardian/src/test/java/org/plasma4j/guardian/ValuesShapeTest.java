package org.plasma4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.watcher.WatcherConfig;

/**
 * Every record changed through {@code with(c -> ...)} here copies all of its values, and checks.
 */
class ValuesShapeTest {
  private static final Address FRAMEWORK = Address.fromHex("0x" + "11".repeat(20));

  @Test
  void guardianConfigKeepsWhatIsNotChangedAndRefusesABadChange() {
    GuardianConfig config = GuardianConfig.defaults(3600);
    assertThat(config.with(c -> {})).isEqualTo(config);
    GuardianConfig changed = config.with(c -> c.maxAttempts = 5).withConfirmations(4);
    assertThat(changed)
        .isEqualTo(
            new GuardianConfig(3600, Duration.ofMinutes(5), 3, 5, 60, 50, 100, 4, BigInteger.ZERO));
    assertThatThrownBy(() -> config.with(c -> c.toleratedLoss = BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid guardian config");
  }

  @Test
  void chainViewStartsWithNothingKnownAndCopiesWhatItIsGiven() {
    ChainView view = ChainView.at(100, 2000);
    assertThat(List.of(view.l1Timestamp(), view.nowMillis())).containsExactly(100L, 2000L);
    assertThat(List.of(view.events(), view.ownedOutputs(), view.inFlightExits()))
        .allMatch(List::isEmpty);
    assertThat(List.of(
            view.includedTxs(),
            view.finalizedExits(),
            view.finalizedMassExits(),
            view.withdrawnMassExits(),
            view.challengedExits()))
        .allMatch(Set::isEmpty);
    assertThat(view.queueHeads()).isEmpty();
    assertThat(view.eventsFresh()).as("the watcher has just given the events").isTrue();
    Set<Long> challenged = new java.util.HashSet<>(Set.of(7L));
    ChainView changed = view.with(c -> {
      c.challengedExits = challenged;
      c.eventsFresh = false;
    });
    challenged.add(8L);
    assertThat(changed.challengedExits()).containsExactly(7L);
    assertThat(changed.eventsFresh()).isFalse();
    assertThat(changed.with(c -> {
          c.challengedExits = Set.of();
          c.eventsFresh = true;
        }))
        .isEqualTo(view);
  }

  @Test
  void guardianSettingsAndWatcherConfigKeepWhatIsNotChanged() {
    GuardianService.Settings settings = GuardianService.Settings.of(
        "http://127.0.0.1:9656", "http://127.0.0.1:8545", FRAMEWORK, 12, Path.of("unused"));
    assertThat(settings.with(s -> {})).isEqualTo(settings);
    assertThat(settings.with(s -> s.watcherUrl = Optional.of(URI.create("http://w"))))
        .isEqualTo(new GuardianService.Settings(
            "http://127.0.0.1:9656",
            "http://127.0.0.1:8545",
            FRAMEWORK,
            Optional.of(URI.create("http://w")),
            Path.of("unused"),
            12,
            Duration.ofMinutes(5),
            Duration.ofSeconds(2),
            3,
            BigInteger.ZERO,
            12));

    WatcherConfig watcher = WatcherConfig.defaults(URI.create("http://o"), Path.of("unused"));
    assertThat(watcher.with(c -> {})).isEqualTo(watcher);
    assertThat(watcher.withRpc("0.0.0.0", 1).with(c -> {
          c.rpcHost = "127.0.0.1";
          c.rpcPort = 9657;
        }))
        .isEqualTo(watcher);
    assertThatThrownBy(() -> watcher.with(c -> c.maxResponseBytes = 1023))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseBytes");
  }
}
