package org.histoprune.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.histoprune.io.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * Where a job runs: embedded ({@code local[N]}, the default) or on a cluster ({@code spark://host:port}). A cluster
 * is only joined with the shared secret (from {@code --secret-file} or {@value #SECRET_VARIABLE}, never the command
 * line, where {@code ps} would show it): authentication and AES network encryption are then on.
 */
public final class ClusterOptions {
    /** The environment variable that may hold the shared secret instead of a file. */
    public static final String SECRET_VARIABLE = "HISTOPRUNE_SPARK_SECRET";

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL",
            description = "local[N] (embedded, no cluster) or spark://host:port (default: ${DEFAULT-VALUE}).")
    private String master;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the cluster's shared secret (or set " + SECRET_VARIABLE + ").")
    private Path secretFile;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Any other Spark setting, e.g. spark.driver.host=10.0.0.5 (repeatable).")
    private Map<String, String> extra = new LinkedHashMap<>();

    public String master() {
        return master;
    }

    public boolean embedded() {
        return master.startsWith("local");
    }

    /**
     * The Spark settings of a job; {@code executorOptions} are JVM options of the executors (PyTorch threads).
     * Refuses at once, with exit code 2, a cluster that does not accept the secret or cannot be reached.
     */
    public SparkConf conf(String appName, String executorOptions) throws IOException {
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(master)
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executor.extraJavaOptions", executorOptions)
                // tasks are whole blocks or chains: re-run a lost one, but stop a job that keeps failing
                .set("spark.task.maxFailures", "4");
        if (!embedded()) {
            if (!master.startsWith("spark://")) {
                throw new InvalidInputException("--master " + master + ": expected local[N] or spark://host:port");
            }
            String secret = secret();
            conf.set("spark.authenticate", "true").set("spark.authenticate.secret", secret)
                    .set("spark.network.crypto.enabled", "true");
            URI uri = URI.create(master);
            MasterProbe.check(uri.getHost(), uri.getPort(), secret);
        }
        extra.forEach(conf::set);
        return conf;
    }

    /**
     * Starts the session of a command; each executor runs PyTorch with {@code threads} intra-op threads (embedded,
     * the driver is the executor and the command has set them already).
     */
    public SparkSession session(String appName, int threads, Map<String, String> settings) throws IOException {
        String executorOptions = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=" + threads
                + " -Dai.djl.pytorch.num_interop_threads=1";
        SparkConf conf = conf(appName, executorOptions);
        settings.forEach((key, value) -> conf.set(key, conf.get(key, value))); // --conf wins
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** N of an embedded master local[N] (all processors for local[*] and local). */
    public int localThreads() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)(,\\d+)?]").matcher(master);
        return m.matches() ? Integer.parseInt(m.group(1)) : Runtime.getRuntime().availableProcessors();
    }

    private String secret() throws IOException {
        String secret;
        if (secretFile != null) {
            if (!Files.isRegularFile(secretFile)) {
                throw new InvalidInputException(secretFile, "no such secret file");
            }
            secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } else {
            secret = System.getenv(SECRET_VARIABLE) == null ? "" : System.getenv(SECRET_VARIABLE).strip();
        }
        if (secret.isEmpty()) {
            throw new InvalidInputException("a cluster master needs the shared secret: give --secret-file FILE or set "
                    + SECRET_VARIABLE);
        }
        return secret;
    }
}
