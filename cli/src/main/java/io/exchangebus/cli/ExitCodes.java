package io.exchangebus.cli;

/**
 * Exit codes a script can rely on, the same for every command that uses them: 0 success, 1 failure at run time
 * (broker, registry or query API unreachable; the message says why), 2 wrong usage (picocli's own code for a bad or
 * missing option), 3 not found (no such order, book or account; no ack within the timeout), 4 the command was
 * refused (ack REJECTED or EXPIRED).
 */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = Exbus.FAILED;
    static final int USAGE = picocli.CommandLine.ExitCode.USAGE;
    static final int NOT_FOUND = 3;
    static final int REFUSED = 4;

    private ExitCodes() {
    }
}
