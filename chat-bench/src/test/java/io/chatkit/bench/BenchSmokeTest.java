package io.chatkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.lambda.LambdaJvm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a benchmark: proves that every benchmark still starts and produces its tables, with tiny sizes. Each needs
 * only its own tools: dynalite for the ones on DynamoDB, a Java 25 JDK for the cold start.
 * The real run is {@code java -jar chat-bench/target/chat-bench.jar} (see the README).
 */
class BenchSmokeTest {

    @Test
    void the_fan_out_benchmark_runs() throws Exception {
        assertTables(BenchMain.run(true, Set.of("fanout")), 2);
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_send_benchmark_runs() throws Exception {
        assertTables(BenchMain.run(true, Set.of("send")), 3);
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_connection_reuse_benchmark_runs_and_counts_connections() throws Exception {
        List<ResultTable> tables = BenchMain.run(true, Set.of("connections"));

        assertTables(tables, 1);
        assertThat(tables.get(0).markdown()).contains("URL_CONNECTION", "APACHE5");
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_cold_start_benchmark_runs() throws Exception {
        LambdaJvm.javaOrSkip(); // the functions' JVM
        assertTables(BenchMain.run(true, Set.of("cold")), 2);
    }

    @Test
    void the_embedded_core_benchmark_runs() throws Exception {
        assertTables(BenchMain.run(true, Set.of("core")), 1);
    }

    @Test
    void the_runtime_benchmarks_run_on_the_local_gateway_and_the_embedded_server() throws Exception {
        assertTables(BenchMain.run(true, Set.of("local")), 4);
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_telemetry_overhead_benchmark_runs() throws Exception {
        assertTables(BenchMain.run(true, Set.of("telemetry")), 1);
    }

    private static void assertTables(List<ResultTable> tables, int expected) {
        assertThat(tables).hasSize(expected);
        assertThat(tables).allSatisfy(table -> {
            assertThat(table.rows()).isNotEmpty();
            assertThat(table.markdown()).startsWith("### ").doesNotContain("NaN");
        });
    }
}
