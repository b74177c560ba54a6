package org.histoprune.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.histoprune.data.HistologySettings;
import org.histoprune.data.SyntheticHistology;
import org.histoprune.image.RgbImage;
import org.histoprune.io.RasterFiles;
import org.histoprune.io.SlideReader;
import org.histoprune.io.SlideReaderRegistry;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.SlideSegmenter;
import org.histoprune.nn.TilingOptions;
import org.histoprune.segment.InstanceParameters;

/**
 * The test cohort: a tissue region of the repository's sample slide and two generated slides, as a slide list;
 * the single-machine reference (SlideSegmenter with the bundled model); running the command; reading its table.
 */
final class Cohort {
    static final Path SAMPLE = Path.of("sample-slides/synthetic-slide.tif");
    static final int REGION = 768;
    static final int GENERATED = 640;
    static final int BLOCK = 512;
    static final int MARGIN = 64;

    record Result(int exitCode, String out, String err) {
    }

    private Cohort() {
    }

    /** Writes the generated slides and the list next to them; returns the list file. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        int[] origin = tissue();
        lines.add(SAMPLE.toAbsolutePath() + " " + origin[0] + "," + origin[1] + "," + REGION + "," + REGION);
        for (long seed : new long[] {5, 6}) {
            Path png = dir.resolve("generated-" + seed + ".png");
            RasterFiles.writeRgbPng(new SyntheticHistology(HistologySettings.defaults(), seed)
                    .image(0, 0, GENERATED, GENERATED), png);
            lines.add(png.getFileName().toString());
        }
        Path list = dir.resolve("slides.txt");
        Files.write(list, lines);
        return list;
    }

    /** Nuclei per slide of the single-machine segmentation, in list order. */
    static Map<String, Integer> reference(Path list) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (NucleiModel model = NucleiModel.loadBundled().orElseThrow()) {
            SlideSegmenter segmenter = new SlideSegmenter(model, InstanceParameters.defaults(),
                    new SlideSegmenter.Blocks(BLOCK, MARGIN), TilingOptions.defaults());
            for (SlideList.Entry entry : SlideList.read(list)) {
                try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(Path.of(entry.path()))) {
                    int[] r = entry.region() != null ? entry.region()
                            : new int[] {0, 0, slide.levels().get(0).width(), slide.levels().get(0).height()};
                    counts.put(entry.name(), segmenter.run(slide, new SlideSegmenter.Region(0, r[0], r[1], r[2], r[3]),
                            (core, done, total) -> { }, () -> false));
                }
            }
        }
        return counts;
    }

    static List<String> segmentArgs(String master, Path list, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("segment", "--master", master, "--input", list.toString(),
                "--out", out.toString(), "--block", Integer.toString(BLOCK), "--margin", Integer.toString(MARGIN),
                "--threads", "1", "--progress-seconds", "0.3"));
        args.addAll(List.of(more));
        return args;
    }

    static Result run(List<String> args, Writer errSink) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Writer errors = errSink == null ? err : new TeeWriter(err, errSink);
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(errors, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The Parquet table: per slide, the rows (nucleus_id, area_px, centroid_x, centroid_y) sorted by id. */
    static Map<String, List<List<Object>>> table(Path out) throws IOException {
        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("read")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
            for (Row row : spark.read().parquet(out.resolve("nuclei").toString())
                    .select("slide", "nucleus_id", "area_px", "centroid_x", "centroid_y")
                    .orderBy("slide", "nucleus_id").collectAsList()) {
                rows.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                        .add(List.of(row.getInt(1), row.getInt(2), row.getDouble(3), row.getDouble(4)));
            }
            return rows;
        }
    }

    /** The inkiest square of the sample slide, found on a low level. */
    private static int[] tissue() throws IOException {
        try (SlideReader slide = SlideReaderRegistry.withInstalledReaders().open(SAMPLE)) {
            int level = 4;
            SlideReader.Level size = slide.levels().get(level);
            int scale = (int) Math.round(size.downsample());
            RgbImage image = slide.readRegion(level, 0, 0, size.width(), size.height());
            int side = REGION / scale;
            long best = Long.MIN_VALUE;
            int[] origin = {0, 0};
            for (int y = 0; y + side <= image.height(); y += side / 2) {
                for (int x = 0; x + side <= image.width(); x += side / 2) {
                    long ink = 0;
                    for (int row = y; row < y + side; row++) {
                        for (int col = x; col < x + side; col++) {
                            ink += 255 - RgbImage.green(image.get(col, row));
                        }
                    }
                    if (ink > best) {
                        best = ink;
                        origin = new int[] {x * scale, y * scale};
                    }
                }
            }
            return origin;
        }
    }

    /** Writes to two writers: the command's error text is kept and also watched while it runs. */
    private static final class TeeWriter extends Writer {
        private final Writer first;
        private final Writer second;

        TeeWriter(Writer first, Writer second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            first.write(chars, offset, length);
            second.write(chars, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
