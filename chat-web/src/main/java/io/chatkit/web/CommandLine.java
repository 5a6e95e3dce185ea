package io.chatkit.web;

/** The command-line reading the local runtimes share: an option's value, and whole numbers with a least value. */
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
}
