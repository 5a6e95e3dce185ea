package io.chatkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.lambda.LambdaJvm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a benchmark: proves that every benchmark still starts and produces its table, with tiny sizes.
 * The real run is {@code java -jar chat-bench/target/chat-bench.jar} (see the README).
 */
@ExtendWith(RequiresDynalite.class)
class BenchSmokeTest {

    @Test
    void every_benchmark_runs_and_fills_its_table() throws Exception {
        LambdaJvm.javaOrSkip(); // the cold-start benchmark runs the functions on Java 25
        List<Table> tables = BenchMain.run(true, Set.of("fanout", "send", "cold", "core", "local"));

        assertThat(tables).hasSize(8);
        assertThat(tables).allSatisfy(table -> {
            assertThat(table.rows()).isNotEmpty();
            assertThat(table.markdown()).startsWith("### ").doesNotContain("NaN");
        });
    }
}
