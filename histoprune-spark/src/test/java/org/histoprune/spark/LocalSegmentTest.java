package org.histoprune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.histoprune.nn.BundledModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment --master local[2]}: the embedded mode gives the single-machine segmentation's nuclei. */
class LocalSegmentTest {
    @TempDir
    Path dir;

    @Test
    void perSlideCountsEqualTheSingleMachineSegmentationAndAnUnreadableSlideFailsAlone() throws Exception {
        Assumptions.assumeTrue(BundledModel.DENSE.available(),
                "no bundled model: skipped");
        Path list = Cohort.write(dir.resolve("in"));
        Map<String, Integer> reference = Cohort.reference(list);
        Path broken = dir.resolve("in").resolve("broken.tif");
        Files.write(broken, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 2, 3});
        Files.writeString(list, Files.readString(list) + "broken.tif\n");
        Path out = dir.resolve("out");

        Cohort.Result result = Cohort.run(Cohort.segmentArgs("local[2]", list, out), null);

        assertEquals(2, result.exitCode(), "a failed slide makes exit code 2: " + result.err());
        assertTrue(result.err().contains("1 of 4 slides failed"), result.err());
        assertTrue(result.err().matches("(?s).*blocks \\d+/12 done.*ETA.*"), "progress: " + result.err());
        List<String> status = Files.readAllLines(out.resolve("status.csv"));
        assertEquals("slide,status,blocks,nuclei,path,reason", status.get(0));
        assertTrue(status.get(4).startsWith("broken,failed,0,0,") && status.get(4).contains("broken.tif"),
                status.get(4));

        Map<String, List<List<Object>>> table = Cohort.table(out);
        assertEquals(new TreeSet<>(reference.keySet()), new TreeSet<>(table.keySet()), "complete slides only");
        for (Map.Entry<String, Integer> slide : reference.entrySet()) {
            int count = slide.getValue();
            assertTrue(count > 50, slide + " has nuclei");
            List<List<Object>> rows = table.get(slide.getKey());
            assertEquals(IntStream.rangeClosed(1, count).boxed().toList(), rows.stream().map(r -> r.get(0)).toList(),
                    slide.getKey() + ": ids 1..n, each once, as the single-machine run");
            String[] line = status.stream().filter(l -> l.startsWith(slide.getKey() + ",")).findFirst().orElseThrow()
                    .split(",");
            assertEquals(List.of("ok", "4", Integer.toString(count)), List.of(line[1], line[2], line[3]));
            JsonNode features = new ObjectMapper().readTree(out.resolve(slide.getKey()).resolve("nuclei.geojson")
                    .toFile()).get("features");
            assertEquals(count, features.size());
        }
        assertFalse(Files.exists(out.resolve("broken")), "no output of the failed slide");
        try (var files = Files.list(out)) {
            List<String> names = new ArrayList<>(files.map(f -> f.getFileName().toString()).sorted().toList());
            assertEquals(List.of("generated-5", "generated-6", "nuclei", "status.csv", "synthetic-slide"), names,
                    "no temporary files left");
        }
    }
}
