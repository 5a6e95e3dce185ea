package io.chatkit.standalone;

import static io.chatkit.standalone.CommandLine.number;
import static io.chatkit.standalone.CommandLine.value;

import io.chatkit.core.service.AttachmentRules;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.standalone.CommandLine.UsageException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What both standalone runtimes ({@code chat-local}, {@code chat-server}) take from their command line, with the
 * same names and defaults, so that clients and tests run against either.
 *
 * @param port        127.0.0.1's port (0 picks a free one)
 * @param stage       the WebSocket path: {@code ws://127.0.0.1:{port}/{stage}}
 * @param concurrency frames handled at once (like Lambda's execution environments); the others wait in arrival order
 */
public record RuntimeOptions(int port, String stage, Storage storage, ChatLimits limits, int concurrency,
                             Logs logs, Optional<Path> attachments, AttachmentRules attachmentRules) {
    /** Two frames at once per core. */
    public static final int DEFAULT_CONCURRENCY = 2 * Runtime.getRuntime().availableProcessors();

    /** Their lines of a usage text. */
    public static final String USAGE = """
              --port N                  listen on 127.0.0.1:N (default 8080; 0 picks a free port)
              --stage NAME              the WebSocket path: ws://127.0.0.1:N/NAME (default local)
              --dynamodb-endpoint URL   store in DynamoDB (dynalite, or real DynamoDB) instead of memory
              --table NAME              the DynamoDB table (default chatkit-local)
              --create-table            create the table if it is missing
              --concurrency N           frames handled at once, like Lambda's execution environments (default
                                        2 per core); the others wait their turn in arrival order
              --attachments DIR         keep attachments' files in DIR (default: a new folder in the system's
                                        temporary folder), served on this port by signed URLs
              --attachment-max-mb N     the largest file a message may carry (default 25)
              --uploads-per-hour N      files one user may upload an hour (default 50)
              --upload-mb-per-hour N    megabytes one user may upload an hour (default 500; the largest file must
                                        fit: give --attachment-max-mb first to lower both)
              --log-json                each request's record as a JSON line on standard output
              --quiet                   no request records (failures are still written)
            """;

    public RuntimeOptions {
        java.util.Objects.requireNonNull(attachments, "attachments");
        java.util.Objects.requireNonNull(attachmentRules, "attachmentRules");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(8080, "local", Storage.IN_MEMORY, ChatLimits.DEFAULTS, DEFAULT_CONCURRENCY,
                Logs.TEXT, Optional.empty(), AttachmentRules.DEFAULTS);
    }

    public RuntimeOptions withPort(int newPort) {
        return new RuntimeOptions(newPort, stage, storage, limits, concurrency, logs, attachments, attachmentRules);
    }

    public RuntimeOptions withStage(String newStage) {
        return new RuntimeOptions(port, newStage, storage, limits, concurrency, logs, attachments, attachmentRules);
    }

    public RuntimeOptions withStorage(Storage newStorage) {
        return new RuntimeOptions(port, stage, newStorage, limits, concurrency, logs, attachments, attachmentRules);
    }

    /** Stored in this table at this endpoint, created if it is missing. */
    public RuntimeOptions withDynamoDb(URI endpoint, String table) {
        return withStorage(Storage.dynamoDb(endpoint, table));
    }

    public RuntimeOptions withLimits(ChatLimits newLimits) {
        return new RuntimeOptions(port, stage, storage, newLimits, concurrency, logs, attachments, attachmentRules);
    }

    public RuntimeOptions withConcurrency(int environments) {
        return new RuntimeOptions(port, stage, storage, limits, environments, logs, attachments, attachmentRules);
    }

    public RuntimeOptions withLogs(Logs newLogs) {
        return new RuntimeOptions(port, stage, storage, limits, concurrency, newLogs, attachments, attachmentRules);
    }

    public RuntimeOptions withAttachmentRules(AttachmentRules rules) {
        return new RuntimeOptions(port, stage, storage, limits, concurrency, logs, attachments, rules);
    }

    /** Attachments' files in this folder (created if missing). */
    public RuntimeOptions withAttachments(Path folder) {
        return new RuntimeOptions(port, stage, storage, limits, concurrency, logs, Optional.of(folder),
                attachmentRules);
    }

    private int maxFileMegabytes() {
        return (int) (attachmentRules.maxFileBytes() / AttachmentRules.MEGABYTE);
    }

    private AttachmentRules attachmentLimits(int maxMegabytes, int uploads, int megabytes, String option) {
        try {
            return attachmentRules.withLimits(maxMegabytes, uploads, megabytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** The folder for attachments' files: the one given, or a new one in the temporary folder. */
    public Path attachmentsFolder() {
        try {
            return attachments.isPresent() ? attachments.get() : Files.createTempDirectory("chatkit-attachments");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make a folder for attachments", e);
        }
    }

    /** The options with one option read, and the index of its last argument (where the reading goes on after). */
    public record Read(RuntimeOptions options, int lastIndex) {
    }

    /** A runtime's own options: the index of the option's last argument, or empty if {@code args[index]} is not one. */
    @FunctionalInterface
    public interface OwnOptions {
        Optional<Integer> read(String[] args, int index);

        OwnOptions NONE = (args, index) -> Optional.empty();
    }

    /**
     * Reads a command line: a runtime's own options, these, and the limits ({@link LimitOptions}); anything else, or
     * {@code --help}, is a {@link UsageException}.
     */
    public static RuntimeOptions parse(String[] args, OwnOptions own) {
        RuntimeOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            Optional<Integer> ownLast = own.read(args, i);
            if (ownLast.isPresent()) {
                i = ownLast.get();
                continue;
            }
            Read read = options.read(args, i);
            options = read.options();
            i = read.lastIndex();
        }
        return options;
    }

    private Read read(String[] args, int i) {
        String option = args[i];
        return switch (option) {
            case "--port" -> new Read(withPort(number(args, i + 1, option, 0)), i + 1);
            case "--stage" -> new Read(withStage(value(args, i + 1, option)), i + 1);
            case "--dynamodb-endpoint" ->
                    new Read(withStorage(storage.withEndpoint(URI.create(value(args, i + 1, option)))), i + 1);
            case "--table" -> new Read(withStorage(storage.withTable(value(args, i + 1, option))), i + 1);
            case "--create-table" -> new Read(withStorage(storage.creatingTable()), i);
            case "--concurrency" -> new Read(withConcurrency(number(args, i + 1, option, 1)), i + 1);
            case "--attachments" -> new Read(withAttachments(Path.of(value(args, i + 1, option))), i + 1);
            case "--attachment-max-mb" -> new Read(withAttachmentRules(attachmentLimits(
                    number(args, i + 1, option, 1), attachmentRules.uploads().burst(),
                    attachmentRules.uploadMegabytes().burst(), option)), i + 1);
            case "--uploads-per-hour" -> new Read(withAttachmentRules(attachmentLimits(maxFileMegabytes(),
                    number(args, i + 1, option, 1), attachmentRules.uploadMegabytes().burst(), option)), i + 1);
            case "--upload-mb-per-hour" -> new Read(withAttachmentRules(attachmentLimits(maxFileMegabytes(),
                    attachmentRules.uploads().burst(), number(args, i + 1, option, 1), option)), i + 1);
            case "--log-json" -> new Read(withLogs(Logs.JSON), i);
            case "--quiet" -> new Read(withLogs(Logs.NONE), i);
            case "--help", "-h" -> throw new UsageException(null);
            default -> {
                LimitOptions.Read limit = LimitOptions.read(args, i, limits)
                        .orElseThrow(() -> new UsageException("unknown option " + option));
                yield new Read(withLimits(limit.limits()), limit.valueIndex());
            }
        };
    }
}
