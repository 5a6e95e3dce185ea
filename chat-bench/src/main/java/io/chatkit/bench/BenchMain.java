package io.chatkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the five benchmarks and prints their tables as Markdown:
 * {@code java -jar chat-bench/target/chat-bench.jar} (from the repository root, after
 * {@code mvn -B -ntp install -DskipTests}); {@code --smoke} runs each with tiny sizes to prove it still
 * starts; {@code --only fanout,send,cold,core,local} picks some ({@code burst}: only the
 * burst tables of {@code local}, the last on {@code java -jar chat-local.jar}); {@code --baseline-jar PATH} adds a cold-start row
 * for another build of the function jar (say, the last release's), measured in the same run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    static final Set<String> BENCHMARKS = Set.of("fanout", "send", "connections", "cold", "core", "local", "telemetry",
            "burst");
    static final String USAGE = """
            usage: java -jar chat-bench/target/chat-bench.jar [--smoke] [--only NAME,…] [--baseline-jar PATH]
              (from the repository root, after mvn -B -ntp install -DskipTests; the whole run takes about 9 minutes)
              --smoke              every benchmark with tiny sizes, to prove it still starts
              --only NAME,…        some of: fanout, send, connections, cold, core, local, telemetry, burst
                                   (burst: only the burst tables of local, the last on java -jar chat-local.jar)
              --baseline-jar PATH  a cold-start row for another build of the function jar, measured in the same run
              --help               this text
            """;

    /** What the command line asks for. */
    record Arguments(boolean smoke, Set<String> only, Optional<Path> baselineJar) {
        /** Reads the command line; a wrong one throws {@link IllegalArgumentException} saying why. */
        static Arguments parse(String... args) {
            boolean smoke = false;
            Set<String> only = Set.of("fanout", "send", "connections", "cold", "core", "local", "telemetry");
            Optional<Path> baselineJar = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--only" -> only = names(valueAfter(args, i++));
                    case "--baseline-jar" -> baselineJar = Optional.of(Path.of(valueAfter(args, i++)));
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            return new Arguments(smoke, only, baselineJar);
        }

        private static String valueAfter(String[] args, int option) {
            if (option + 1 >= args.length) {
                throw new IllegalArgumentException(args[option] + " needs a value");
            }
            return args[option + 1];
        }

        private static Set<String> names(String list) {
            Set<String> names = Set.of(list.split(","));
            for (String name : names) {
                if (!BENCHMARKS.contains(name)) {
                    throw new IllegalArgumentException("no benchmark is called " + name);
                }
            }
            return names;
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println("chat-bench: " + wrong.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        for (ResultTable table : run(arguments.smoke(), arguments.only(), arguments.baselineJar())) {
            System.out.println(table.markdown());
        }
        System.exit(0);
    }

    static List<ResultTable> run(boolean smoke, Set<String> only) throws Exception {
        return run(smoke, only, Optional.empty());
    }

    static List<ResultTable> run(boolean smoke, Set<String> only, Optional<Path> baselineJar) throws Exception {
        List<ResultTable> tables = new ArrayList<>();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
        System.err.println("chatkit benchmarks on " + machine + (smoke ? " (smoke run: tiny sizes)" : ""));
        if (only.contains("fanout")) {
            int[] sizes = smoke ? new int[] {10} : new int[] {10, 100, 1_000};
            tables.add(FanOutBench.run(sizes, Duration.ZERO, smoke ? 1 : 5));
            tables.add(FanOutBench.run(sizes, Duration.ofMillis(20), smoke ? 1 : 3));
        }
        if (only.contains("send")) {
            int[] rooms = smoke ? new int[] {2} : new int[] {2, 10, 50}; // a group holds at most 50
            tables.add(SendEndToEndBench.run(rooms, smoke ? 3 : 100, Duration.ZERO, Duration.ZERO));
            tables.add(SendEndToEndBench.run(rooms, smoke ? 2 : 30, Duration.ofMillis(5), Duration.ofMillis(20)));
            tables.add(SendEndToEndBench.run(new int[] {smoke ? 2 : 50}, 2, smoke ? 2 : 100, Duration.ofMillis(5),
                    Duration.ofMillis(20)));
        }
        if (only.contains("connections")) {
            tables.add(ConnectionReuseBench.run(smoke ? 2 : 50, smoke ? 2 : 30));
        }
        if (only.contains("cold")) {
            tables.addAll(ColdStartBench.run(lambdaJar(), baselineJar, smoke ? 1 : 5, smoke ? 20 : 1_000));
        }
        if (only.contains("telemetry")) {
            tables.add(smoke ? TelemetryOverheadBench.run(3, 2, 3, Duration.ZERO, Duration.ZERO)
                    : TelemetryOverheadBench.run(10, 10, 30, Duration.ofMillis(5), Duration.ofMillis(20)));
        }
        if (only.contains("core")) {
            tables.add(embeddedCore(smoke));
        }
        if (only.contains("local")) {
            tables.add(smoke ? LocalGatewayBench.run(4, 2, 2) : LocalGatewayBench.run(100, 10, 20));
        }
        if (only.contains("local") || only.contains("burst")) {
            tables.add(smoke ? LocalGatewayBench.run(4, 2, 2, true) : LocalGatewayBench.run(100, 10, 5, true));
            tables.add(LocalGatewayBench.run(LocalGatewayBench.Runtime.SERVER, smoke ? 4 : 100, smoke ? 2 : 10,
                    smoke ? 2 : 5, true));
            tables.add(LocalGatewayBench.burstOnTheJar(localJar(), smoke ? 4 : 100, smoke ? 2 : 10, smoke ? 2 : 5));
        }
        return tables;
    }

    private static ResultTable embeddedCore(boolean smoke) throws Exception {
        ResultTable table = new ResultTable("Embedded core: sendMessage, in-memory adapters, 10-member room (JMH)",
                "threads", "sends/s", "± (99.9 %)", "vs 1 thread");
        double single = 0;
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder()
                    .include(EmbeddedCoreBenchmark.class.getName())
                    .forks(smoke ? 0 : 1)
                    .threads(threads)
                    .warmupIterations(smoke ? 1 : 3)
                    .warmupTime(TimeValue.milliseconds(smoke ? 100 : 1_000))
                    .measurementIterations(smoke ? 1 : 5)
                    .measurementTime(TimeValue.milliseconds(smoke ? 100 : 1_000))
                    .shouldDoGC(true)
                    .output(java.nio.file.Files.createTempFile("jmh", ".log").toString())
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            var result = results.iterator().next().getPrimaryResult();
            if (threads == 1) {
                single = result.getScore();
            }
            table.row(threads, ResultTable.perSecond(result.getScore()),
                    Double.isNaN(result.getScoreError()) ? "—" : ResultTable.perSecond(result.getScoreError()),
                    ResultTable.ratio(result.getScore() / single));
        }
        return table.note("Bounded by: the in-memory store's single lock (every send takes it) — a second thread "
                + "mostly waits for it.");
    }

    /** chat-local's runnable jar, from the repository root or from a module folder. */
    static Path localJar() {
        return built(Path.of("chat-local", "target", "chat-local.jar"));
    }

    private static Path built(Path fromRoot) {
        for (Path candidate : List.of(fromRoot, Path.of("..").resolve(fromRoot))) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("build " + fromRoot + " first: mvn -B -ntp install -DskipTests");
    }

    /** The Lambda artifact, from the repository root or from a module folder. */
    static Path lambdaJar() {
        return built(Path.of("chat-lambda", "target", "chat-lambda-0.1.0-SNAPSHOT-aws.jar"));
    }
}
