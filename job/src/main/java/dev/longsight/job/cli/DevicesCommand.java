package dev.longsight.job.cli;

import dev.longsight.kernels.device.Devices;
import picocli.CommandLine.Command;

/** Lists the OpenCL platforms and devices Aparapi sees, and JTP. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms and devices visible to Aparapi, and the Java thread pool.",
        footer = {"", "Example: ./longsight devices", "Use the ids with --device (auto, gpu, gpu:<i>, cpu, jtp)."})
final class DevicesCommand implements Runnable {
    @Override
    public void run() { Devices.listing().forEach(System.out::println); }
}
