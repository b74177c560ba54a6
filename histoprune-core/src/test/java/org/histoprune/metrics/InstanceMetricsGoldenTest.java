package org.histoprune.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.histoprune.image.LabelImage;
import org.histoprune.io.RasterFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of the shared golden metrics set must match to 1e-9. */
class InstanceMetricsGoldenTest {
    private static final Path GOLDEN = Path.of("../shared/golden/metrics");
    private static final double TOLERANCE = 1e-9;

    @TestFactory
    List<DynamicTest> everyGoldenCaseMatches() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(GOLDEN.resolve("expected.json")),
                "golden metrics not found at " + GOLDEN.toAbsolutePath() + ": skipped");
        JsonNode cases = new ObjectMapper().readTree(GOLDEN.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        cases.fields().forEachRemaining(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(),
                () -> assertCase(entry.getKey(), entry.getValue()))));
        assertFalse(tests.isEmpty(), "expected.json holds no case");
        return tests;
    }

    private static void assertCase(String name, JsonNode expected) {
        LabelImage truth = RasterFiles.readLabels(GOLDEN.resolve(name + "_gt.png"));
        LabelImage predicted = RasterFiles.readLabels(GOLDEN.resolve(name + "_pred.png"));
        InstanceScores scores = InstanceMetrics.score(truth, predicted);
        assertAll(name,
                () -> assertEquals(expected.get("dice").asDouble(), scores.dice(), TOLERANCE, "dice"),
                () -> assertEquals(expected.get("aji").asDouble(), scores.aji(), TOLERANCE, "aji"),
                () -> assertEquals(expected.get("aji_plus").asDouble(), scores.ajiPlus(), TOLERANCE, "aji_plus"),
                () -> assertEquals(expected.get("pq").asDouble(), scores.pq(), TOLERANCE, "pq"),
                () -> assertEquals(expected.get("dq").asDouble(), scores.dq(), TOLERANCE, "dq"),
                () -> assertEquals(expected.get("sq").asDouble(), scores.sq(), TOLERANCE, "sq"));
    }
}
