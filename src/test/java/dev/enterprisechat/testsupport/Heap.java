package dev.enterprisechat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a server process: a full collection ({@code jcmd GC.run}), then the heap in use after it
 * ({@code jcmd GC.heap_info}). Local to the machine: jcmd attaches through a file, not the network.
 */
public final class Heap {

    private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private Heap() {
    }

    /** Bytes in use after a full collection. */
    public static long liveBytes(long pid) {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd " + pid);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Live instances of a class (after the full collection that {@code GC.class_histogram} runs first). */
    public static long instances(long pid, String className) {
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "\\s*$")
                .matcher(jcmd(pid, "GC.class_histogram"));
        return row.find() ? Long.parseLong(row.group(1)) : 0;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
