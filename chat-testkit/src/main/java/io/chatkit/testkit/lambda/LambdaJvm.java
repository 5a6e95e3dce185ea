package io.chatkit.testkit.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The JVM the functions run on in Lambda's {@code java25} runtime, found on this machine, and the options
 * that runtime starts it with. Whatever stands for "on Lambda" in the tests and benchmarks runs here.
 */
public final class LambdaJvm {
    /** The Java feature release of the {@code java25} runtime. */
    public static final int FEATURE = 25;

    /**
     * The options of Lambda's Java runtimes (java17 onwards): heap at ~85 % of the function's memory (1,024 MB
     * here), serial GC, class-data sharing, the JIT stopped at tier 1 (java25 keeps that default except
     * under SnapStart and provisioned concurrency), IPv4, and the runtime client's CRaC bridge, through which
     * SnapStart calls {@code org.crac} resources, and native access for the runtime client's JNI part (which
     * Java 25 otherwise warns about).
     */
    public static final List<String> LAMBDA_OPTIONS = List.of(
            "-XX:MaxHeapSize=870m",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
            "-XX:+ErrorFileToStderr",
            "--enable-native-access=ALL-UNNAMED");

    private LambdaJvm() {
    }

    /**
     * The {@code java} launcher of a Java 25 JDK: {@code $JAVA25_HOME}, else a JDK under {@code /usr/lib/jvm}
     * whose {@code release} file says 25.
     */
    public static Optional<Path> java() {
        String configured = System.getenv("JAVA25_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(LambdaJvm::isJava25).map(LambdaJvm::launcher);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.sorted().filter(LambdaJvm::isJava25).findFirst().map(LambdaJvm::launcher);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The launcher, or a clear failure: this is not optional where it stands for Lambda. */
    public static Path requireJava() {
        return java().orElseThrow(() -> new IllegalStateException("no Java " + FEATURE + " JDK found: set JAVA25_HOME "
                + "or install one under /usr/lib/jvm (the functions run on Lambda's java25 runtime, so their "
                + "runtime tests and cold-start figures need Java " + FEATURE + ")"));
    }

    /**
     * For tests: the launcher, or the test is skipped with a loud warning — except under {@code CI=true},
     * where a missing Java 25 fails it.
     */
    public static Path javaOrSkip() {
        Optional<Path> java = java();
        if (java.isEmpty() && !"true".equals(System.getenv("CI"))) {
            System.err.println("\n*** WARNING: no Java " + FEATURE + " JDK found (JAVA25_HOME or /usr/lib/jvm): the "
                    + "Lambda runtime tests are SKIPPED ***\n");
            Assumptions.abort("no Java " + FEATURE + " JDK");
        }
        return java.orElseGet(LambdaJvm::requireJava);
    }

    private static boolean isJava25(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(launcher(home))) {
            return false;
        }
        try {
            return Files.readAllLines(release).stream()
                    .anyMatch(line -> line.startsWith("JAVA_VERSION=\"" + FEATURE + ".")
                            || line.equals("JAVA_VERSION=\"" + FEATURE + "\""));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path launcher(Path home) {
        return home.resolve("bin").resolve("java");
    }
}
