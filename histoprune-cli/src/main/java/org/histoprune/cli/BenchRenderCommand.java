package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.histoprune.render.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench render}: frame time of the viewer's renderer, headless. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Frame time of the slide viewer: a 1000x1000 view with 10,000 outlined nuclei (target <= 16 ms).")
final class BenchRenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--frames", defaultValue = "100", description = "Frames timed per scenario (default ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        if (frames < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 1");
        }
        RenderBenchmark.Result result = RenderBenchmark.run(frames);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "view %dx%d at downsample %.1f, %,d outlined nuclei, %d frames each%n",
                    result.viewWidth(), result.viewHeight(), result.downsample(), result.nuclei(), result.frames());
            print(out, "cold frame, wall", result.cold());
            print(out, "cold frame, CPU", result.coldCpu());
            print(out, "pan frame, wall", result.pan());
            print(out, "pan frame, CPU", result.panCpu());
        }
        return 0;
    }

    private static void print(PrintWriter out, String name, RenderBenchmark.Timing timing) {
        out.printf(Locale.ROOT, "%-18s mean %6.2f ms  p50 %6.2f  p95 %6.2f  max %6.2f%n", name, timing.mean(),
                timing.p50(), timing.p95(), timing.max());
    }
}
