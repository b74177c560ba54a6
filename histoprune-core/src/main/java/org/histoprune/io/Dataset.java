package org.histoprune.io;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.histoprune.image.LabelImage;
import org.histoprune.image.RgbImage;

/**
 * An ordered set of image + instance-label samples whose pixels are read only when a sample is asked for,
 * one at a time, so a dataset of any size costs no memory until used. Build one with {@link DatasetLoaders}.
 */
public final class Dataset implements Iterable<Dataset.Sample> {
    /** One annotated image. */
    public record Sample(String name, Path imagePath, RgbImage image, LabelImage labels) {
    }

    /** Reads (or rasterises) the instance labels of one sample; the image gives the size where the file does not. */
    @FunctionalInterface
    interface LabelSource {
        LabelImage read(Path labelPath, RgbImage image);
    }

    /** Where one sample's pixels come from. */
    record Entry(String name, Path imagePath, Path labelPath, LabelSource labels) {
    }

    private final Path root;
    private final List<Entry> entries;

    Dataset(Path root, List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new InvalidInputException(root, "no annotated images found");
        }
        this.root = root;
        this.entries = List.copyOf(entries);
    }

    /** The folder the dataset was found in. */
    public Path root() {
        return root;
    }

    public int size() {
        return entries.size();
    }

    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    public Path imagePath(int index) {
        return entries.get(index).imagePath();
    }

    /** The file the labels of a sample come from (a label image, an annotation XML or a mask). */
    public Path labelPath(int index) {
        return entries.get(index).labelPath();
    }

    /** Reads one sample; throws {@link InvalidInputException} naming the file when it is unreadable or does not fit. */
    public Sample load(int index) {
        Entry entry = entries.get(index);
        RgbImage image = RasterFiles.readRgb(entry.imagePath());
        LabelImage labels = entry.labels().read(entry.labelPath(), image);
        if (!labels.sameSizeAs(image.width(), image.height())) {
            throw new InvalidInputException(entry.labelPath(), "labels are " + labels.width() + "x" + labels.height()
                    + " px but the image " + entry.imagePath().getFileName() + " is " + image.width() + "x"
                    + image.height() + " px");
        }
        return new Sample(entry.name(), entry.imagePath(), image, labels);
    }

    /** The sample of that name; throws {@link NoSuchElementException} when there is none. */
    public Sample load(String name) {
        int index = names().indexOf(name);
        if (index < 0) {
            throw new NoSuchElementException("no sample named " + name + " in " + root);
        }
        return load(index);
    }

    /** The samples in order, each read when the stream reaches it. */
    public Stream<Sample> stream() {
        return IntStream.range(0, size()).mapToObj(this::load);
    }

    @Override
    public Iterator<Sample> iterator() {
        return stream().iterator();
    }
}
