package io.chatkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.chatkit.testkit.dynamodb.Dynalite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.chatkit.testkit.lambda.LambdaJvm;
import io.chatkit.testkit.lambda.RuntimeApiServer;
import io.chatkit.testkit.lambda.RuntimeClientProcess;
import java.time.Duration;

/**
 * 3. Cold start: fresh JVMs with only the Lambda artifact on the class path, from process start to the
 * first sendMessage handled (DynamoDB on dynalite, pushes to a loopback {@code @connections}); median of
 * several processes, for each JVM lever tried. Also the peak memory of that process and of a fan-out to
 * 1,000 connections.
 */
final class ColdStartBench {
    private ColdStartBench() {
    }

    record Run(double wallMs, Map<String, String> fields) {
        double number(String key) {
            return Double.parseDouble(fields.get(key));
        }
    }

    static List<ResultTable> run(Path lambdaJar, Optional<Path> baselineJar, int processes, int fanOutConnections)
            throws Exception {
        Path work = Files.createTempDirectory("chatkit-cold");
        // A jar, not a folder: class-data sharing archives only classes that come from jars.
        Path driver = driverJar(work);
        String classPath = driver + java.io.File.pathSeparator + lambdaJar.toAbsolutePath();
        ResultTable starts = new ResultTable("Cold start to the first sendMessage handled (median of " + processes + " JVMs)",
                "JVM options", "process start → handled", "of which composition", "first request", "peak RSS",
                "peak heap used");
        ResultTable memory = new ResultTable("Memory", "process", "peak RSS", "peak heap used", "fits 512 MB Lambda");
        try (Backends backends = new Backends()) {
            backends.handler.handleRequest(HandlerEvents.connect("cold-sender=", "alice"), null);
            backends.gateway.open("cold-sender=");
            backends.handler.handleRequest(HandlerEvents.connect("cold-peer=", "bob"), null);
            backends.gateway.open("cold-peer=");
            APIGatewayV2WebSocketResponse created = backends.handler.handleRequest(HandlerEvents.message("cold-sender=",
                    "createRoom", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}"), null);
            Map<String, String> env = new HashMap<>();
            env.put("TABLE_NAME", backends.table);
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            env.put("DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString());
            env.put("CALLBACK_URL", backends.gateway.endpoint().toString());
            env.put("BENCH_CONNECTION_ID", "cold-sender=");
            env.put("BENCH_ROOM_ID", HandlerEvents.roomIdOf(created.getBody()));

            Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
            Path java25 = LambdaJvm.requireJava();
            List<String> lambda = LambdaJvm.LAMBDA_OPTIONS.stream()
                    .filter(option -> !option.startsWith("-Dorg.crac")) // the bridge lives in the runtime client
                    .toList();
            Path archive = work.resolve("app.jsa");
            runJvm(java25, classPath, env, concat(lambda, "-XX:ArchiveClassesAtExit=" + archive), "send");
            record Variant(String name, Path java, List<String> options, String classPath) {
            }
            List<Variant> variants = new ArrayList<>(List.of(
                    new Variant("Java " + Runtime.version().feature() + ", -XX:TieredStopAtLevel=1 (as Lambda's java17)",
                            java17, List.of("-XX:TieredStopAtLevel=1"), classPath),
                    new Variant("Java 25, JVM defaults", java25, List.of(), classPath),
                    new Variant("Java 25, Lambda's java25 options", java25, lambda, classPath),
                    new Variant("Java 25, Lambda's options + AppCDS archive of the app's classes", java25,
                            concat(lambda, "-XX:SharedArchiveFile=" + archive), classPath)));
            for (Variant variant : variants) {
                List<Run> runs = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    runs.add(runJvm(variant.java(), variant.classPath(), env, variant.options(), "send"));
                }
                Run median = median(runs);
                starts.row(variant.name(), ResultTable.ms(median.wallMs()), ResultTable.ms(median.number("compose_ms")),
                        ResultTable.ms(median.number("first_request_ms")), mb(median.number("rss_peak_kb") / 1024),
                        mb(median.number("heap_peak_mb")));
                if (variant.options() == lambda && variant.classPath().equals(classPath)) {
                    memory.row("cold start to the first sendMessage (Java 25, Lambda's options)",
                            mb(median.number("rss_peak_kb") / 1024), mb(median.number("heap_peak_mb")),
                            median.number("rss_peak_kb") / 1024 < 384 ? "yes" : "no");
                }
            }
            if (baselineJar.isPresent()) {
                compareWithBaseline(starts, java25, lambda, classPath,
                        driver + java.io.File.pathSeparator + baselineJar.get().toAbsolutePath(), env, processes * 3);
            }
            List<Double> throughClient = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                throughClient.add(throughRuntimeClient(lambdaJar, env));
            }
            throughClient.sort(null);
            starts.row("Java 25, Lambda's options, through AWS's runtime client (→ first response posted to the Runtime API)",
                    ResultTable.ms(throughClient.get(throughClient.size() / 2)), "—", "—", "—", "—");
            for (int i = 0; i < fanOutConnections; i++) {
                backends.gateway.open("fan" + i + "=");
            }
            Run fanOut = runJvm(java25, classPath, env, lambda, "fanout", Integer.toString(fanOutConnections));
            if (fanOut.number("delivered") != fanOutConnections) {
                throw new IllegalStateException("fan-out delivered " + fanOut.fields().get("delivered"));
            }
            memory.row("fan-out to " + fanOutConnections + " connections (" + ResultTable.ms(fanOut.number("fanout_ms")) + ")",
                    mb(fanOut.number("rss_peak_kb") / 1024), mb(fanOut.number("heap_peak_mb")),
                    fanOut.number("heap_peak_mb") < 256 ? "yes (heap < 256 MB)" : "no");
        }
        long artifactBytes = Files.size(lambdaJar);
        starts.note("Lambda artifact: " + lambdaJar.getFileName() + ", " + String.format("%.1f MB", artifactBytes / 1e6)
                + ". Lambda's java25 options: " + String.join(" ", LambdaJvm.LAMBDA_OPTIONS) + ". The JVM runs with only "
                + "that jar (plus a one-class driver jar) on the class path and the event built in code, except in the "
                + "last row, where AWS's runtime client is the main class, takes the event JSON from a Runtime API on "
                + "loopback and deserialises it as on Lambda. Bounded "
                + "by: loading and verifying some 1,500 classes, most of them the AWS SDK's (building the DynamoDB client "
                + "alone loads ~500); an AppCDS archive skips parsing and verifying them.");
        return List.of(starts, memory);
    }

    private static String mb(double value) {
        return String.format("%.0f MB", value);
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Run::wallMs));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The current jar against another build of it, in pairs run one after the other (so that the machine's
     * drift hits both alike): the medians of each, and the median of the pairwise differences.
     */
    private static void compareWithBaseline(ResultTable starts, Path java, List<String> options, String classPath,
                                            String baselineClassPath, Map<String, String> env, int pairs)
            throws IOException, InterruptedException {
        List<Double> current = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double now = runJvm(java, classPath, env, options, "send").wallMs();
            double before = runJvm(java, baselineClassPath, env, options, "send").wallMs();
            current.add(now);
            baseline.add(before);
            differences.add(now - before);
        }
        starts.row("Java 25, Lambda's options: this jar vs the baseline jar, " + pairs + " interleaved pairs",
                ResultTable.ms(medianOf(current)) + " vs " + ResultTable.ms(medianOf(baseline)),
                String.format("median difference %+.0f ms", medianOf(differences)), "—", "—", "—");
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Process start to the first response the function posts to the Runtime API, with AWS's runtime client as
     * the main class (as Lambda runs it): the runtime client's start-up and its event deserialisation included.
     */
    private static double throughRuntimeClient(Path lambdaJar, Map<String, String> env) throws Exception {
        Path runtimeJars = lambdaJar.toAbsolutePath().getParent().resolve("lambda-runtime");
        try (RuntimeApiServer runtimeApi = RuntimeApiServer.start()) {
            long started = System.nanoTime();
            try (RuntimeClientProcess function = RuntimeClientProcess.start(lambdaJar, runtimeJars,
                    runtimeApi.address(), env)) {
                RuntimeApiServer.Answer answer = runtimeApi.invoke(sendMessageEvent(env), Duration.ofSeconds(60));
                double elapsed = (System.nanoTime() - started) / 1e6;
                if (!answer.kind().equals("response") || !answer.body().contains("\\\"sent\\\"")) {
                    throw new IllegalStateException("not sent: " + answer + "\n" + function.output());
                }
                return elapsed;
            }
        }
    }

    private static String sendMessageEvent(Map<String, String> env) {
        long now = System.currentTimeMillis();
        String body = "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + env.get("BENCH_ROOM_ID")
                + "\",\"content\":\"cold\"}";
        return "{\"requestContext\":{\"routeKey\":\"sendMessage\",\"eventType\":\"MESSAGE\",\"messageDirection\":\"IN\","
                + "\"stage\":\"bench\",\"connectedAt\":" + now + ",\"requestTimeEpoch\":" + now + ","
                + "\"requestId\":\"cold\",\"domainName\":\"bench.execute-api.us-east-1.amazonaws.com\","
                + "\"connectionId\":\"" + env.get("BENCH_CONNECTION_ID") + "\",\"apiId\":\"bench\"},"
                + "\"body\":\"" + body.replace("\"", "\\\"") + "\",\"isBase64Encoded\":false}";
    }

    private static List<String> concat(List<String> options, String another) {
        List<String> all = new ArrayList<>(options);
        all.add(another);
        return all;
    }

    private static Run runJvm(Path java, String classPath, Map<String, String> env, List<String> options,
                              String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(ColdStartMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Map<String, String> fields = null;
        double wall = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("HANDLED")) {
                    wall = (System.nanoTime() - started) / 1e6;
                }
                if (line.startsWith("RESULT ")) {
                    fields = new HashMap<>();
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        fields.put(kv[0], kv[1]);
                    }
                }
            }
        }
        process.waitFor();
        if (fields == null) {
            throw new IllegalStateException("the cold-start JVM failed:\n" + output);
        }
        return new Run(wall, fields);
    }

    private static Path driverJar(Path folder) throws IOException {
        Path jar = folder.resolve("cold-start-driver.jar");
        String resource = ColdStartMain.class.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             InputStream in = ColdStartMain.class.getClassLoader().getResourceAsStream(resource)) {
            out.putNextEntry(new java.util.jar.JarEntry(resource));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
