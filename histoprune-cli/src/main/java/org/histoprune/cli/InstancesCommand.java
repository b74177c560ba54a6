package org.histoprune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.histoprune.image.FloatMap;
import org.histoprune.image.LabelImage;
import org.histoprune.io.InvalidInputException;
import org.histoprune.io.RasterFiles;
import org.histoprune.segment.InstancePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code instances}: the merge step alone, from two map files to a label image file. */
@Command(name = "instances", mixinStandardHelpOptions = true,
        description = "Turn a foreground probability map and a distance map into nucleus instances (a 16-bit "
                + "label image). Maps: 32-bit float TIFF, or 8/16-bit PNG/TIFF scaled to 0..1.")
final class InstancesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--prob", required = true, paramLabel = "F", description = "Foreground probability map.")
    private Path probability;

    @Option(names = "--dist", required = true, paramLabel = "F", description = "Nucleus distance map.")
    private Path distance;

    @Option(names = "--out", required = true, paramLabel = "L",
            description = "Label image to write (.png or .tif; a 32-bit TIFF when ids exceed 65,535).")
    private Path out;

    @Mixin
    private InstanceOptions options;

    @Override
    public Integer call() throws IOException {
        InstancePipeline pipeline = new InstancePipeline(options.toParameters(spec));
        FloatMap foreground = RasterFiles.readFloatMap(probability);
        FloatMap distanceMap = RasterFiles.readFloatMap(distance);
        if (foreground.width() != distanceMap.width() || foreground.height() != distanceMap.height()) {
            throw new InvalidInputException(probability + " is " + foreground.width() + "x" + foreground.height()
                    + " but " + distance + " is " + distanceMap.width() + "x" + distanceMap.height());
        }
        LabelImage instances = pipeline.run(foreground, distanceMap);
        Path written = RasterFiles.writeLabels(instances, out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println(instances.maxLabel() + " instances written to " + written);
        printer.flush();
        return 0;
    }
}
