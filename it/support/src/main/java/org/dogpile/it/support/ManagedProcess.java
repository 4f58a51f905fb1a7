package org.dogpile.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process (a server, or a cluster node) whose output goes to a fresh log file, and which is
 * stopped by PID whatever happens: {@link #close()} terminates it and its descendants (a start
 * script's JVM included), waits a bounded time, then kills what is left; a JVM shutdown hook does
 * the same if the test JVM exits first.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(() -> stop(Duration.ofSeconds(10)), "stop " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a process with its standard output and error in a log file, emptied first.
     *
     * @param name a short name for messages
     * @param builder the command; its output redirection is replaced
     * @param log where the output goes
     * @return the running process
     */
    public static ManagedProcess start(String name, ProcessBuilder builder, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Process process = builder.start();
            System.out.printf("[%s] started pid %d: %s%n", name, process.pid(), String.join(" ", builder.command()));
            return new ManagedProcess(name, process, log);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start " + name + ": " + builder.command(), failed);
        }
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the log file */
    public Path log() {
        return log;
    }

    /** @return the whole log so far; empty when there is none yet */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /**
     * @param lines how many lines
     * @return the last lines of the log, for failure messages
     */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return "--- last lines of " + log + " (" + name + ", pid " + pid() + (isAlive() ? ", running" : ", exited")
            + ") ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Writes one line to the process's standard input.
     *
     * @param line the line, without line separator
     */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write to " + name + " (pid " + pid() + ")", failed);
        }
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @param timeout how long at most
     * @return the exit code
     * @throws AssertionError when it still runs after the timeout
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " (pid " + pid() + ") still runs after " + timeout.toMillis() + " ms\n"
                    + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, interrupted);
        }
    }

    /**
     * Kills the process and its descendants with SIGKILL ({@code kill -9}): no shutdown hook, no
     * goodbye to the cluster. Waits until they are gone.
     *
     * @return when the signal was sent, epoch milliseconds
     */
    public long kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        long at = System.currentTimeMillis();
        all.forEach(ProcessHandle::destroyForcibly);
        if (!waitForAll(all, Duration.ofSeconds(10))) {
            throw new AssertionError(name + " (pid " + pid() + ") survived SIGKILL for 10 s");
        }
        System.out.printf("[%s] pid %d killed with SIGKILL (and %d descendants)%n", name, pid(), all.size() - 1);
        return at;
    }

    /** Stops the process and its descendants; see the class documentation. */
    @Override
    public void close() {
        stop(GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran already
        }
    }

    private void stop(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        if (all.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        long started = System.nanoTime();
        all.forEach(ProcessHandle::destroy);
        boolean stopped = waitForAll(all, grace);
        if (!stopped) {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            stopped = waitForAll(all, Duration.ofSeconds(10));
        }
        System.out.printf("[%s] pid %d %s in %d ms%n", name, pid(), stopped ? "stopped" : "could NOT be stopped",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static boolean waitForAll(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && handle.isAlive()) {
                return false;
            }
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                return false;
            } catch (java.util.concurrent.ExecutionException impossible) {
                return !handle.isAlive();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
