package org.histoprune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.histoprune.io.InvalidInputException;
import org.histoprune.nn.Branch;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code info}: what a model file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model: architecture, parameters and FLOPs per branch, provenance (data, command, "
                + "steps, wall time, metrics).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", description = "Model file (default: the bundled model).")
    private Path modelFile;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Option(names = "--write", paramLabel = "FILE", description = "Also re-write the model to FILE (current format).")
    private Path rewrite;

    @Option(names = "--half", description = "With --write: store weights as float16 (half the size, for shipping).")
    private boolean half;

    @Override
    public Integer call() throws Exception {
        Engines.configureThreads(1);
        Map<String, Object> info = new LinkedHashMap<>();
        try (NucleiModel model = modelFile != null ? NucleiModel.load(modelFile) : NucleiModel.loadBundled()
                .orElseThrow(() -> new InvalidInputException("this build has no bundled model; give one with --model"))) {
            info.put("model", modelFile != null ? modelFile.toString() : "bundled:" + NucleiModel.BUNDLED_RESOURCE);
            info.put("architecture", "unet");
            info.put("base", model.config().base());
            info.put("depth", model.config().depth());
            for (Branch branch : Branch.values()) {
                info.put(branch.key() + "_parameters", model.parameterCount(branch));
            }
            info.put("gflop_per_megapixel_per_branch", 2 * model.config().macsPerPixel() * 1e6 / 1e9);
            info.put("provenance", model.provenance());
            if (rewrite != null) {
                model.save(rewrite, half ? Precision.FLOAT16 : Precision.FLOAT32);
                info.put("written", rewrite.toString());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (json) {
            out.println(mapper.writeValueAsString(info));
        } else {
            info.forEach((key, value) -> {
                try {
                    out.println(key + ": " + (value instanceof String || value instanceof Number ? value
                            : mapper.writeValueAsString(value)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        out.flush();
        return 0;
    }
}
