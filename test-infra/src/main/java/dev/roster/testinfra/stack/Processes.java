package dev.roster.testinfra.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Process helpers the stack launchers share: stopping a whole process tree and reading the end of a log. */
public final class Processes {

    private Processes() {
    }

    /**
     * Stops a process and every process it started: SIGTERM to all of them (children first, so a wrapper
     * script cannot restart them), then SIGKILL to whatever is still alive after the grace period.
     */
    public static void stopTree(ProcessHandle root, Duration grace) {
        if (root == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        for (ProcessHandle handle : all) {
            handle.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // timed out: killed below
            }
        }
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // nothing more we can do
            }
        }
    }

    /** The command line of a live process, or an empty string when it is gone or unreadable. */
    public static String commandLine(ProcessHandle handle) {
        Path cmdline = Path.of("/proc", String.valueOf(handle.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return handle.info().commandLine().orElse("");
    }

    /** The last lines of a (possibly large) log file, for error messages. */
    public static String tail(Path file, int lines) {
        if (file == null || !Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - 64 * 1024);
            in.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            Deque<String> last = new ArrayDeque<>();
            for (String line : all) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** A formatted block quoting the end of a log, to append to an exception message. */
    public static String logTail(String what, Path file) {
        return "\n--- last lines of " + file + " (" + what + ") ---\n" + tail(file, 60) + "\n--- end of " + what
                + " log ---";
    }
}
