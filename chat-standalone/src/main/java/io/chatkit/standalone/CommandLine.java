package io.chatkit.standalone;

import java.util.function.Supplier;

/**
 * What the standalone runtimes' {@code main} methods share: reading an option's value and whole numbers with a least
 * value, the usage on a wrong command line, and a clean stop on Ctrl-C.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** A command line that cannot be used; its message says why (none: print the usage). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The value after the option at {@code index - 1}. */
    public static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    /** The value after the option as a whole number of at least {@code least}. */
    public static int number(String[] args, int index, String option, int least) {
        String text = value(args, index, option);
        try {
            int parsed = Integer.parseInt(text);
            if (parsed >= least) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a whole number from " + least + ", not " + text);
    }

    /**
     * What {@code parse} read; or, when the command line cannot be used (or asks for {@code --help}), why and the usage
     * on standard error, and the process ends (status 2; 0 for {@code --help}).
     */
    public static <T> T parseOrExit(Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(usage);
            System.exit(e.getMessage() == null ? 0 : 2);
            throw e;
        }
    }

    /** Closes {@code runtime} when the process is asked to stop (Ctrl-C), saying so first. */
    public static void closeOnExit(AutoCloseable runtime, String name, String stopping) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println(stopping);
                runtime.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
        }, name + "-shutdown"));
    }
}
