package dev.longsight.job.spark;

import dev.longsight.job.config.RunConfig;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A driver JVM that dies as a crash would: it runs the job and halts right after its N-th batch
 * commit, skipping shutdown hooks and every later write. Arguments: a file holding the serialized
 * {@link RunConfig} (see {@link #save}) and N.
 */
final class HaltingDriver {
    private HaltingDriver() {}

    /** Halts with status 137, what a killed JVM reports, after this many commits. */
    record HaltAfter(int commits) implements RunHooks {
        @Override
        public void afterCommit(int committed) {
            if (committed == commits) Runtime.getRuntime().halt(137);
        }
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        RunConfig config;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            config = (RunConfig) in.readObject();
        }
        SweepJob.run(config, System.out, "(halting test driver)", new HaltAfter(Integer.parseInt(args[1])));
        System.exit(0); // the run finished before the halt: the test sees status 0 and fails
    }

    static void save(RunConfig config, Path file) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(config);
        }
    }
}
