package org.histoprune.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Checks the inputs of installer/build.sh without running jpackage: its syntax, icon, main class, name, version. */
class InstallerScriptTest {
    private static final Path SCRIPT = Path.of("installer", "build.sh");

    private record Run(int exitCode, String output) {
    }

    @Test
    void scriptExistsIsExecutableAndPassesBashSyntaxCheck() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT + " exists");
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is executable");
        Run check = run("bash", "-n", SCRIPT.toString());
        assertEquals(0, check.exitCode(), "bash -n: " + check.output());
    }

    @Test
    void dryRunPackagesTheAppLauncherUnderThePomsNameAndVersionWithTheIcon() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String name = topLevel(pom, "name");
        String version = topLevel(pom, "version").replaceFirst("-.*", "");
        for (String type : List.of("app-image", "deb")) {
            Run dryRun = run("bash", SCRIPT.toString(), "--dry-run", "--type", type);
            assertEquals(0, dryRun.exitCode(), dryRun.output());
            String command = dryRun.output().replace("\\", "");
            assertTrue(command.startsWith("jpackage "), command);
            assertTrue(command.contains("--type " + type + " "), command);
            assertTrue(command.contains("--name " + name + " "), command);
            assertTrue(command.contains("--app-version " + version + " "), command);
            assertTrue(command.contains("--main-jar histoprune-app.jar "), command);
            assertEquals(AppLauncher.class.getName(), argument(command, "--main-class"));
            Path icon = Path.of(argument(command, "--icon"));
            assertTrue(Files.isRegularFile(icon), "the icon exists: " + icon);
            assertEquals(256, ImageIO.read(icon.toFile()).getWidth(), "a 256 px PNG icon");
        }
        assertTrue(run("bash", SCRIPT.toString(), "--dry-run", "--type", "deb").output().contains("libgtk-3-0"),
                "the .deb depends on GTK 3, which JavaFX needs");
    }

    @Test
    void theMainClassStartsTheAppAndTheAppModuleBuildsTheJarTheScriptTakes() throws Exception {
        assertTrue(java.lang.reflect.Modifier.isPublic(AppLauncher.class.getMethod("main", String[].class)
                .getModifiers()));
        String pom = Files.readString(Path.of("histoprune-app", "pom.xml"));
        assertTrue(pom.contains("<finalName>histoprune-app</finalName>"), "the module builds histoprune-app.jar");
        assertTrue(pom.contains("<outputDirectory>${histoprune.dist}</outputDirectory>"),
                "into the root's target/, where the script looks");
        assertTrue(pom.contains("<outputDirectory>${histoprune.dist}/lib</outputDirectory>"),
                "the module copies the runtime libraries to target/lib");
        assertTrue(pom.contains("<classpathPrefix>lib/</classpathPrefix>"), "the jar finds them in lib/");
        assertTrue(Files.readString(Path.of("pom.xml")).contains(
                "<histoprune.dist>${maven.multiModuleProjectDirectory}/target</histoprune.dist>"),
                "the parent names the root's target/ as the place for runnable jars");
    }

    @Test
    void unknownTypesAreRefused() throws Exception {
        Run run = run("bash", SCRIPT.toString(), "--dry-run", "--type", "msi");
        assertEquals(2, run.exitCode());
        assertTrue(run.output().contains("--type must be app-image or deb"), run.output());
    }

    /** A top-level element of the pom (two-space indent), as the script reads it. */
    private static String topLevel(String pom, String element) {
        Matcher matcher = Pattern.compile("(?m)^  <" + element + ">(.*)</" + element + ">$").matcher(pom);
        assertTrue(matcher.find(), "pom.xml has a top-level <" + element + ">");
        return matcher.group(1);
    }

    private static String argument(String command, String option) {
        Matcher matcher = Pattern.compile(Pattern.quote(option) + " (\\S+)").matcher(command);
        assertTrue(matcher.find(), option + " in " + command);
        return matcher.group(1);
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + String.join(" ", command));
        return new Run(process.exitValue(), output.strip());
    }
}
