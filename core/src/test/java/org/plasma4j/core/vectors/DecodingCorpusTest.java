package org.plasma4j.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Hex;

/**
 * The differential decoding corpus: the committed file must be exactly the Java decoder's verdicts,
 * and forge (contracts/test/DecodingCorpus.t.sol) checks the contracts' two decoders against the
 * same file. Regenerate with {@code ./mvnw -pl core verify -Dtest=DecodingCorpusTest
 * -Dplasma.vectors.write=true}.
 */
class DecodingCorpusTest {
  static final Path FILE = Path.of("..", "contracts", "test", "vectors", "decoding.json");

  @Test
  void committedCorpusIsTheJavaDecodersVerdicts() throws IOException {
    VectorFiles.assertCommitted(FILE, DecodingCorpus.json());
  }

  @Test
  void everyBuiltCaseBreaksExactlyTheRuleItWasBuiltFor() {
    int counted = 0;
    for (DecodingCorpus.Case c : DecodingCorpus.cases()) {
      if (c.intended() == null) {
        continue;
      }
      TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(c.txBytes());
      assertThat(DecodingCorpus.verdictOf(decoded))
          .as(Hex.encode(c.txBytes()) + ": " + decoded.detail())
          .isEqualTo(c.intended());
      counted++;
    }
    assertThat(counted).isGreaterThan(1500);
  }

  @Test
  void acceptedBytesAreTheCanonicalEncodingOfWhatTheyDecodeTo() {
    int accepted = 0;
    for (DecodingCorpus.Case c : DecodingCorpus.cases()) {
      TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(c.txBytes());
      if (decoded.isOk()) {
        assertThat(decoded.value().encode()).isEqualTo(c.txBytes());
        accepted++;
      }
    }
    assertThat(accepted).isGreaterThan(500);
  }
}
