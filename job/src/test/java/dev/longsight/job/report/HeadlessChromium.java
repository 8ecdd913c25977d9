package dev.longsight.job.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system's Chromium headless on a local file: its serialized DOM, or a screenshot. */
final class HeadlessChromium {
    /** Debian's path; -Dlongsight.chromium=... points elsewhere (and lets one check that CI fails without it). */
    static final Path BINARY = Path.of(System.getProperty("longsight.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_S = 90;

    private HeadlessChromium() {}

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after loading the page (what the browser built, not the file's text). */
    static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("dom.html");
        run(work, out, "--dump-dom", page.toUri().toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static void screenshot(Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        run(work, work.resolve("screenshot.log"), "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString());
    }

    private static void run(Path work, Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path stderr = work.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("chromium did not finish within " + TIMEOUT_S + " s: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0)
            throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
    }
}
