package org.histoprune.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.InvalidInputException;

/**
 * A standalone Spark cluster on 127.0.0.1 from the project's own jars: a master and N workers as separate JVMs
 * ({@code org.apache.spark.deploy.master.Master}, {@code ...worker.Worker}), no Spark download. Workers launch
 * executors from a Spark home laid out in the state folder ({@code spark-home/jars}: the jars of the classpath,
 * class folders packed into jars). Authentication and AES encryption are on, with the secret from a file (or one
 * generated into the state folder, readable only by its owner); the daemons read it from a properties file, never
 * from their command line. The processes outlive the JVM that starts them; {@link #stop} ends them by their ids.
 */
public final class LocalCluster {
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final Duration REGISTRATION = Duration.ofSeconds(240);
    private static final String PIDS = "pids";
    /** The packages Spark opens on Java 17 (its JavaModuleOptions). */
    static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");

    private static final String DAEMON_LOGGING = """
            <configuration>
              <appender name="log" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss} %-5level %logger{24} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.spark.deploy" level="INFO"/>
              <root level="WARN"><appender-ref ref="log"/></root>
            </configuration>
            """;

    private final Path state;
    private final String masterUrl;
    private final Path secretFile;

    private LocalCluster(Path state, String masterUrl, Path secretFile) {
        this.state = state;
        this.masterUrl = masterUrl;
        this.secretFile = secretFile;
    }

    public String masterUrl() {
        return masterUrl;
    }

    public Path secretFile() {
        return secretFile;
    }

    /**
     * Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} each, and waits until
     * every worker has registered. {@code secret} null: a new random one in {@code state/secret}.
     */
    public static LocalCluster start(Path state, int workers, int cores, String memory, Path secret,
            List<Path> classpath) throws IOException, InterruptedException {
        if (Files.exists(state.resolve(PIDS))) {
            throw new InvalidInputException(state, "a local cluster is already running from here; stop it first");
        }
        Files.createDirectories(state);
        Path secretFile = secret != null ? secret : newSecret(state.resolve("secret"));
        if (!Files.isRegularFile(secretFile)) {
            throw new InvalidInputException(secretFile, "no such secret file");
        }
        Path properties = state.resolve("spark.properties");
        writePrivate(properties, "spark.authenticate=true\nspark.authenticate.secret="
                + Files.readString(secretFile, StandardCharsets.UTF_8).strip()
                + "\nspark.network.crypto.enabled=true\n");
        Path home = sparkHome(state.resolve("spark-home"), classpath);
        // the daemons log through Logback; their INFO lines say when a worker has registered
        AtomicFiles.writeString(state.resolve("logback.xml"), DAEMON_LOGGING);
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        List<Long> pids = new ArrayList<>();
        try {
            pids.add(launch(state, home, "master", List.of("org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()),
                    "--properties-file", properties.toString())));
            for (int w = 1; w <= workers; w++) {
                pids.add(launch(state, home, "worker-" + w, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory, "--webui-port",
                        Integer.toString(freePort()), "--work-dir", state.resolve("work-" + w).toString(),
                        "--properties-file", properties.toString(), url)));
            }
            AtomicFiles.writeString(state.resolve(PIDS), String.join("\n", pids.stream().map(String::valueOf)
                    .toList()) + "\n");
            for (int w = 1; w <= workers; w++) {
                awaitLine(state.resolve("worker-" + w + ".log"), "Successfully registered with master");
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            stopAll(pids);
            Files.deleteIfExists(state.resolve(PIDS));
            throw e;
        }
        AtomicFiles.writeString(state.resolve("master-url"), url + "\n");
        return new LocalCluster(state, url, secretFile);
    }

    /** Stops the cluster started from {@code state} (its executors too); false when none runs. */
    public static boolean stop(Path state) throws IOException {
        Path pids = state.resolve(PIDS);
        if (!Files.exists(pids)) {
            return false;
        }
        stopAll(Files.readAllLines(pids).stream().filter(l -> !l.isBlank()).map(Long::valueOf).toList());
        Files.delete(pids);
        return true;
    }

    public void stop() throws IOException {
        stop(state);
    }

    /** The executor processes the workers run now. */
    public List<ProcessHandle> executors() throws IOException {
        List<ProcessHandle> executors = new ArrayList<>();
        for (String line : Files.readAllLines(state.resolve(PIDS))) {
            ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(daemon -> daemon.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_CLASS))
                    .forEach(executors::add));
        }
        return executors;
    }

    /** The JVM options every Spark process needs on Java 17. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Dio.netty.tryReflectionSetAccessible=true"));
        OPENS.forEach(o -> options.add("--add-opens=" + o + "=ALL-UNNAMED"));
        return options;
    }

    private static long launch(Path state, Path home, String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m"));
        command.addAll(jvmOptions());
        command.add("-Dlogback.configurationFile=" + state.resolve("logback.xml"));
        command.addAll(List.of("-cp", home.resolve("jars").toString() + "/*"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(state.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // a worker's launcher looks for build folders to learn the Scala version unless told
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        return builder.start().pid();
    }

    private static void stopAll(List<Long> pids) {
        List<ProcessHandle> all = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(all::add);
                all.add(p);
            });
        }
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(15);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Path log, String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(REGISTRATION);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("no '" + text + "' in " + log + " after " + REGISTRATION.toSeconds() + " s; see it");
    }

    /** {@code home/jars}: links to the classpath's jars, its class folders packed into jars. */
    private static Path sparkHome(Path home, List<Path> classpath) throws IOException {
        Path jars = home.resolve("jars");
        if (Files.exists(jars)) {
            try (Stream<Path> old = Files.list(jars)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(jars);
        int folders = 0;
        for (Path entry : classpath) {
            Path absolute = entry.toAbsolutePath();
            if (Files.isDirectory(absolute)) {
                packFolder(absolute, jars.resolve("classes-" + ++folders + ".jar"));
            } else if (Files.isRegularFile(absolute) && absolute.toString().endsWith(".jar")) {
                Path link = jars.resolve(absolute.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, absolute);
                }
            }
        }
        return home;
    }

    private static void packFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static Path newSecret(Path file) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        writePrivate(file, HexFormat.of().formatHex(bytes) + "\n");
        return file;
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** This JVM's classpath; started as {@code java -jar}, the jar and the libraries its manifest lists. */
    public static List<Path> ownClasspath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    String listed = jar.getManifest() == null ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        for (String lib : listed.trim().split("\\s+")) {
                            entries.add(path.getParent().resolve(lib));
                        }
                    }
                }
            }
        }
        return entries;
    }
}
