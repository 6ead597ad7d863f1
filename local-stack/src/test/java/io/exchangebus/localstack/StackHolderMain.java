package io.exchangebus.localstack;

/**
 * Starts a process stack, prints {@code STACK <workDir> <pid>...} and waits to be killed. Run by
 * {@link ParentKillIT} in a JVM of its own.
 */
public final class StackHolderMain {

    private StackHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = LocalStack.startProcesses();
        StringBuilder line = new StringBuilder("STACK ").append(stack.workDir());
        stack.childPids().forEach(pid -> line.append(' ').append(pid));
        System.out.println(line);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
