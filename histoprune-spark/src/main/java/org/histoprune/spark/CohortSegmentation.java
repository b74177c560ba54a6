package org.histoprune.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.histoprune.io.AtomicFiles;
import org.histoprune.io.GeoJsonWriter;
import org.histoprune.io.Nucleus;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import scala.Tuple2;

/**
 * A cohort segmentation on Spark, driven from here: one task per slide finds its blocks and shared sigma, then one
 * task per block segments it (the block rule of {@code SlideSegmenter}: each nucleus belongs to one block). Ids are
 * numbered per slide after all blocks are in, exactly as a single-machine run numbers them. A slide with any failed
 * block is left out whole. Outputs: the Parquet table {@code nuclei/} partitioned by slide (written through Spark's
 * commit protocol, so a re-run task never adds rows twice), {@code <slide>/nuclei.geojson} (atomic per slide) and
 * {@code status.csv}.
 */
final class CohortSegmentation {
    static final String TABLE = "nuclei";
    static final String STATUS = "status.csv";

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("slide", DataTypes.StringType, false),
        DataTypes.createStructField("nucleus_id", DataTypes.IntegerType, false),
        DataTypes.createStructField("block", DataTypes.IntegerType, false),
        DataTypes.createStructField("centroid_x", DataTypes.DoubleType, false),
        DataTypes.createStructField("centroid_y", DataTypes.DoubleType, false),
        DataTypes.createStructField("area_px", DataTypes.IntegerType, false),
        DataTypes.createStructField("area_um2", DataTypes.DoubleType, false),
        DataTypes.createStructField("perimeter_px", DataTypes.DoubleType, false),
        DataTypes.createStructField("circularity", DataTypes.DoubleType, false),
        DataTypes.createStructField("eccentricity", DataTypes.DoubleType, false),
        DataTypes.createStructField("solidity", DataTypes.DoubleType, false),
        DataTypes.createStructField("hematoxylin", DataTypes.DoubleType, false),
        DataTypes.createStructField("eosin", DataTypes.DoubleType, false),
        DataTypes.createStructField("polygon_wkt", DataTypes.StringType, false),
    });

    /** The outcome of one slide, one line of status.csv. */
    record SlideStatus(String slide, String path, boolean ok, int blocks, int nuclei, long pixels, String reason) {
    }

    /** The outcome of a job: per slide, the block tasks and the pixels of the complete slides. */
    record Summary(List<SlideStatus> slides, int blocks, long pixels) {
        int nuclei() {
            return slides.stream().mapToInt(SlideStatus::nuclei).sum();
        }

        long failed() {
            return slides.stream().filter(s -> !s.ok()).count();
        }
    }

    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final JobProgress progress;

    CohortSegmentation(SparkSession spark, JobProgress progress) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.progress = progress;
    }

    Summary run(List<SlideList.Entry> entries, SegmentSettings settings, Path out) throws IOException {
        List<SlideTasks.Plan> plans = sc.parallelize(entries, entries.size()).map(e -> SlideTasks.plan(settings, e))
                .collect();
        List<int[]> tasks = new ArrayList<>();
        for (int s = 0; s < plans.size(); s++) {
            for (int b = 0; b < plans.get(s).blocks(); b++) {
                tasks.add(new int[] {s, b});
            }
        }
        LongAccumulator done = sc.sc().longAccumulator("blocks done");
        JavaRDD<SlideTasks.BlockResult> results = null;
        List<BlockCount> counts = List.of();
        if (!tasks.isEmpty()) {
            Broadcast<List<SlideTasks.Plan>> shared = sc.broadcast(new ArrayList<>(plans));
            results = sc.parallelize(tasks, tasks.size()).map(t -> {
                SlideTasks.BlockResult result = SlideTasks.block(settings, shared.value().get(t[0]), t[1]);
                done.add(1);
                return result;
            }).persist(StorageLevel.MEMORY_AND_DISK());
            JavaRDD<SlideTasks.BlockResult> blocks = results;
            counts = progress.follow(tasks.size(), done, () -> blocks
                    .map(r -> new BlockCount(r.slide(), r.block(), r.nuclei().size(), r.error())).collect());
        }
        List<SlideStatus> ordered = statuses(plans, counts);
        Map<String, int[]> offsets = offsets(ordered, counts);
        writeTable(results, offsets, out);
        writeGeoJson(results, offsets, out);
        for (SlideStatus status : ordered) {
            if (!status.ok()) {
                Files.deleteIfExists(out.resolve(status.slide()).resolve("nuclei.geojson"));
            }
        }
        writeStatus(ordered, out.resolve(STATUS));
        long pixels = ordered.stream().filter(SlideStatus::ok).mapToLong(SlideStatus::pixels).sum();
        return new Summary(ordered, tasks.size(), pixels);
    }

    /** What the driver collects of a block: its nucleus count, or why it failed. */
    private record BlockCount(String slide, int block, int nuclei, String error) implements java.io.Serializable {
    }

    /** Per slide: ok with its nucleus count when every block came back, else failed with the first reason. */
    private static List<SlideStatus> statuses(List<SlideTasks.Plan> plans, List<BlockCount> counts) {
        Map<String, List<BlockCount>> bySlide = counts.stream().collect(Collectors.groupingBy(BlockCount::slide));
        List<SlideStatus> statuses = new ArrayList<>();
        for (SlideTasks.Plan plan : plans) {
            String reason = plan.error();
            int nuclei = 0;
            List<BlockCount> blocks = new ArrayList<>(bySlide.getOrDefault(plan.entry().name(), List.of()));
            blocks.sort(Comparator.comparingInt(BlockCount::block));
            for (BlockCount block : blocks) {
                nuclei += block.nuclei();
                if (block.error() != null && reason == null) {
                    reason = "block " + block.block() + ": " + block.error();
                }
            }
            statuses.add(new SlideStatus(plan.entry().name(), plan.entry().path(), reason == null, plan.blocks(),
                    reason == null ? nuclei : 0, (long) plan.width() * plan.height(), reason));
        }
        return statuses;
    }

    /** Per complete slide, the id offset of each block: the nuclei of the blocks before it. */
    private static Map<String, int[]> offsets(List<SlideStatus> statuses, List<BlockCount> counts) {
        Map<String, int[]> offsets = new HashMap<>();
        for (SlideStatus status : statuses) {
            if (status.ok()) {
                offsets.put(status.slide(), new int[status.blocks() + 1]);
            }
        }
        for (BlockCount block : counts) {
            int[] slide = offsets.get(block.slide());
            if (slide != null) {
                slide[block.block() + 1] = block.nuclei();
            }
        }
        offsets.values().forEach(o -> java.util.Arrays.parallelPrefix(o, Integer::sum));
        return offsets;
    }

    private void writeTable(JavaRDD<SlideTasks.BlockResult> results, Map<String, int[]> offsets, Path out) {
        Broadcast<Map<String, int[]>> shared = sc.broadcast(offsets);
        JavaRDD<Row> rows = results == null ? sc.emptyRDD() : results
                .filter(r -> shared.value().containsKey(r.slide()))
                .flatMap(r -> {
                    int offset = shared.value().get(r.slide())[r.block()];
                    return r.nuclei().stream().map(n -> RowFactory.create(r.slide(), offset + n.localId(), r.block(),
                            n.centroidX(), n.centroidY(), n.areaPixels(), n.areaMicrons2(), n.perimeter(),
                            n.circularity(), n.eccentricity(), n.solidity(), n.hematoxylin(), n.eosin(),
                            n.polygonWkt())).iterator();
                });
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).partitionBy("slide")
                .parquet(out.resolve(TABLE).toAbsolutePath().toString());
    }

    /** One task per complete slide writes its GeoJSON (for QuPath), atomically, ids as in the table. */
    private void writeGeoJson(JavaRDD<SlideTasks.BlockResult> results, Map<String, int[]> offsets, Path out) {
        if (results == null || offsets.isEmpty()) {
            return;
        }
        Broadcast<Map<String, int[]>> shared = sc.broadcast(offsets);
        String folder = out.toAbsolutePath().toString();
        results.filter(r -> shared.value().containsKey(r.slide()))
                .mapToPair(r -> new Tuple2<>(r.slide(), r))
                .groupByKey(offsets.size())
                .foreach(slide -> writeSlideGeoJson(Path.of(folder), slide._1(), slide._2(), shared.value()
                        .get(slide._1())));
    }

    private static void writeSlideGeoJson(Path out, String slide, Iterable<SlideTasks.BlockResult> blocks,
            int[] offsets) throws IOException {
        WKTReader wkt = new WKTReader();
        List<Nucleus> nuclei = new ArrayList<>();
        for (SlideTasks.BlockResult block : blocks) {
            for (SlideTasks.NucleusRow n : block.nuclei()) {
                try {
                    nuclei.add(new Nucleus(offsets[block.block()] + n.localId(), wkt.read(n.polygonWkt()),
                            n.centroidX(), n.centroidY(), n.areaPixels(), n.areaMicrons2(), n.perimeter(),
                            n.circularity(), n.eccentricity(), n.solidity(), n.hematoxylin(), n.eosin()));
                } catch (ParseException e) {
                    throw new UncheckedIOException(new IOException("unreadable outline of nucleus " + n.localId(), e));
                }
            }
        }
        nuclei.sort(Comparator.comparingInt(Nucleus::label));
        Path folder = out.resolve(slide);
        Files.createDirectories(folder);
        GeoJsonWriter.write(nuclei, folder.resolve("nuclei.geojson"));
    }

    private static void writeStatus(List<SlideStatus> statuses, Path file) throws IOException {
        StringBuilder csv = new StringBuilder("slide,status,blocks,nuclei,path,reason\n");
        for (SlideStatus s : statuses) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s%n", quote(s.slide()), s.ok() ? "ok" : "failed",
                    s.blocks(), s.nuclei(), quote(s.path()), s.reason() == null ? "" : quote(s.reason())));
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"").replace("\n", " ") + "\"" : value;
    }

}
