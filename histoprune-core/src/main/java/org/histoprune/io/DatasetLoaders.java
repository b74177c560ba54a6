package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.histoprune.image.ConnectedComponents;
import org.histoprune.image.Connectivity;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/**
 * Finds the samples of the dataset layouts HistoPrune knows. Only file names are read here; pixels are read
 * when a sample is loaded from the returned {@link Dataset}.
 */
public final class DatasetLoaders {
    /** Where MoNuSeg labels come from when a folder has both label maps and XML annotations. */
    public enum MonusegLabels {
        /** {@code labels/<stem>.png} when present, else {@code annotations/<stem>.xml}. */
        PREFER_LABEL_MAPS,
        /** Always rasterise {@code annotations/<stem>.xml}. */
        FORCE_XML
    }

    /** Marks the label image of {@code x.png} as {@code x_labels.png} in a flat folder of pairs. */
    public static final String LABEL_SUFFIX = "_labels";

    private static final String TNBC_IMAGES = "Slide_";
    private static final String TNBC_MASKS = "GT_";

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "tif", "tiff", "jpg", "jpeg", "bmp");

    private DatasetLoaders() {
    }

    /** MoNuSeg: {@code images/*.tif} with {@code labels/<stem>.png} or {@code annotations/<stem>.xml}. */
    public static Dataset monuseg(Path folder) {
        return monuseg(folder, MonusegLabels.PREFER_LABEL_MAPS);
    }

    public static Dataset monuseg(Path folder, MonusegLabels preference) {
        Path images = requireDirectory(folder.resolve("images"));
        Path labels = folder.resolve("labels");
        Path annotations = folder.resolve("annotations");
        if (!Files.isDirectory(annotations) && (preference == MonusegLabels.FORCE_XML || !Files.isDirectory(labels))) {
            throw new InvalidInputException(folder, preference == MonusegLabels.FORCE_XML
                    ? "no annotations/ folder of XML files" : "neither a labels/ nor an annotations/ folder");
        }
        List<Dataset.Entry> entries = new ArrayList<>();
        for (Path image : imageFiles(images)) {
            String stem = stem(image);
            Path labelMap = labels.resolve(stem + ".png");
            Path xml = annotations.resolve(stem + ".xml");
            if (preference == MonusegLabels.PREFER_LABEL_MAPS && Files.isRegularFile(labelMap)) {
                entries.add(new Dataset.Entry(stem, image, labelMap, (path, rgb) -> RasterFiles.readLabels(path)));
            } else if (Files.isRegularFile(xml)) {
                entries.add(new Dataset.Entry(stem, image, xml, DatasetLoaders::rasterizeAperio));
            } else {
                throw new InvalidInputException(image, preference == MonusegLabels.FORCE_XML
                        ? "no annotation " + xml : "no label map " + labelMap + " and no annotation " + xml);
            }
        }
        return new Dataset(folder, entries);
    }

    /**
     * TNBC (Naylor et al. 2018): {@code Slide_XX/XX_N.png} images (RGBA) with binary masks {@code GT_XX/XX_N.png}
     * (0 background, one other value foreground); nuclei are the 8-connected components of a mask.
     */
    public static Dataset tnbc(Path folder) {
        requireDirectory(folder);
        List<Dataset.Entry> entries = new ArrayList<>();
        for (Path slide : subfolders(folder, TNBC_IMAGES)) {
            String suffix = slide.getFileName().toString().substring(TNBC_IMAGES.length());
            Path truth = requireDirectory(folder.resolve(TNBC_MASKS + suffix));
            for (Path image : imageFiles(slide)) {
                Path mask = truth.resolve(image.getFileName());
                if (!Files.isRegularFile(mask)) {
                    throw new InvalidInputException(image, "no mask " + mask);
                }
                entries.add(new Dataset.Entry(stem(image), image, mask, (path, rgb) -> maskComponents(path)));
            }
        }
        return new Dataset(folder, entries);
    }

    /**
     * The layout of a dataset folder, guessed from its entries: an {@code annotations/} folder means MoNuSeg,
     * {@code Slide_*} folders TNBC, anything else {@link #folderPairs folder pairs}.
     */
    public static Dataset detect(Path folder) {
        requireDirectory(folder);
        if (Files.isDirectory(folder.resolve("annotations"))) {
            return monuseg(folder);
        }
        if (!subfolders(folder, TNBC_IMAGES).isEmpty()) {
            return tnbc(folder);
        }
        return folderPairs(folder);
    }

    private static LabelImage maskComponents(Path file) {
        RgbImage mask = RasterFiles.readRgb(file);
        int[] pixels = mask.rgb();
        boolean[] foreground = new boolean[pixels.length];
        int value = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                if (value != 0 && pixels[i] != value) {
                    throw new InvalidInputException(file, String.format(
                            "not a binary mask: pixel (%d, %d) is #%06X, others #%06X", i % mask.width(),
                            i / mask.width(), pixels[i], value));
                }
                value = pixels[i];
                foreground[i] = true;
            }
        }
        return ConnectedComponents.label(foreground, mask.width(), mask.height(), Connectivity.EIGHT);
    }

    /** Sub-folders whose names start with {@code prefix}, sorted. */
    private static List<Path> subfolders(Path folder, String prefix) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .filter(f -> f.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Image + label-image pairs matched by file-name stem (extensions may differ), in one of two layouts:
     * <ul>
     * <li>{@code images/x.png} with {@code labels/x.png} (used when an {@code images/} folder exists);</li>
     * <li>{@code x.png} with {@code x_labels.png} side by side in the folder itself.</li>
     * </ul>
     * Every image needs exactly one label image and every label image an image; labels are single-channel
     * integer images (0 = background).
     */
    public static Dataset folderPairs(Path folder) {
        requireDirectory(folder);
        Path images = folder.resolve("images");
        if (Files.isDirectory(images)) {
            Path labels = requireDirectory(folder.resolve("labels"));
            return pairByStem(folder, imageFiles(images), imageFiles(labels), "");
        }
        List<Path> files = imageFiles(folder);
        List<Path> labelFiles = files.stream().filter(f -> stem(f).endsWith(LABEL_SUFFIX)).toList();
        List<Path> imageFiles = files.stream().filter(f -> !stem(f).endsWith(LABEL_SUFFIX)).toList();
        return pairByStem(folder, imageFiles, labelFiles, LABEL_SUFFIX);
    }

    private static Dataset pairByStem(Path folder, List<Path> images, List<Path> labelFiles, String suffix) {
        Map<String, Path> labelsByStem = uniqueByStem(labelFiles);
        Map<String, Path> imagesByStem = uniqueByStem(images);
        List<Dataset.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> image : imagesByStem.entrySet()) {
            Path label = labelsByStem.remove(image.getKey() + suffix);
            if (label == null) {
                throw new InvalidInputException(image.getValue(), "no label image named " + image.getKey() + suffix
                        + ".* beside it");
            }
            entries.add(new Dataset.Entry(image.getKey(), image.getValue(), label,
                    (path, rgb) -> RasterFiles.readLabels(path)));
        }
        if (!labelsByStem.isEmpty()) {
            Path orphan = labelsByStem.values().iterator().next();
            throw new InvalidInputException(orphan, "label image without an image of the same name");
        }
        return new Dataset(folder, entries);
    }

    /** Files keyed by stem in name order; two files of one stem (a.png, a.tif) are ambiguous. */
    private static Map<String, Path> uniqueByStem(List<Path> files) {
        Map<String, Path> byStem = new TreeMap<>();
        for (Path file : files) {
            Path previous = byStem.put(stem(file), file);
            if (previous != null) {
                throw new InvalidInputException(file, "ambiguous: " + previous.getFileName() + " has the same name");
            }
        }
        return byStem;
    }

    private static LabelImage rasterizeAperio(Path xml, RgbImage image) {
        return PolygonRasterizer.rasterize(AperioAnnotations.read(xml).polygons(), image.width(), image.height());
    }

    static Path requireDirectory(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder, Files.exists(folder) ? "not a folder" : "folder not found");
        }
        return folder;
    }

    /** Image files of a folder (by extension, hidden files skipped), sorted by name. */
    static List<Path> imageFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> IMAGE_EXTENSIONS.contains(extension(f)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
