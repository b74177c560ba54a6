package org.histoprune.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which directories of a TIFF form its pyramid: the first image, then smaller copies of it, either in its
 * SubIFDs (OME-TIFF) or further down the main chain (SVS and most pyramidal TIFFs). Images that are not reduced
 * copies (an SVS thumbnail, label or macro, a stack's other pages) are left out.
 */
final class TiffPyramid {
    /** A directory of the pyramid: its place in the main chain, or (chainIndex -1) a SubIFD. */
    record Member(TiffStructure.Directory directory, int chainIndex) {
    }

    private static final Set<Integer> DECODABLE = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 32773, 32946);
    private static final double ASPECT_TOLERANCE = 0.05;

    private TiffPyramid() {
    }

    static List<Member> of(Path file, TiffStructure.Layout layout) throws IOException {
        TiffStructure.Directory base = layout.chain().get(0);
        List<Member> candidates = new ArrayList<>();
        if (!layout.subDirectories().get(0).isEmpty()) {
            layout.subDirectories().get(0).forEach(d -> candidates.add(new Member(d, -1)));
        } else {
            for (int i = 1; i < layout.chain().size(); i++) {
                candidates.add(new Member(layout.chain().get(i), i));
            }
        }
        List<Member> members = new ArrayList<>();
        members.add(new Member(base, 0));
        List<Member> reduced = new ArrayList<>();
        for (Member candidate : candidates) {
            if (reducedCopy(base, candidate.directory()) && !labelOrMacro(layout, candidate.directory())) {
                reduced.add(candidate);
            }
        }
        reduced.sort(Comparator.comparingInt((Member m) -> m.directory().width()).reversed());
        for (Member candidate : reduced) {
            if (candidate.directory().width() < members.get(members.size() - 1).directory().width()) {
                members.add(candidate);
            }
        }
        for (Member member : members) {
            int compression = member.directory().compression();
            if (!DECODABLE.contains(compression)) {
                throw new InvalidInputException(file, "TIFF compression " + compression
                        + (compression == 33003 || compression == 33005 || compression == 34712 ? " (JPEG 2000)" : "")
                        + " is not supported by the TIFF reader; OpenSlide reads more formats"
                        + " (apt-get install libopenslide0)");
            }
        }
        return members;
    }

    /** Whether the description says so (an SVS label or macro can have a level's shape); read only for those. */
    private static boolean labelOrMacro(TiffStructure.Layout layout, TiffStructure.Directory candidate)
            throws IOException {
        String firstLine = layout.descriptionFirstLine(candidate).toLowerCase(Locale.ROOT);
        return firstLine.contains("label") || firstLine.contains("macro");
    }

    private static boolean reducedCopy(TiffStructure.Directory base, TiffStructure.Directory candidate) {
        // A striped page next to tiled levels is a thumbnail or a label, unless it says it is a reduced level.
        if (base.tiled() && !candidate.tiled() || !base.tiled() && !candidate.reducedResolution()) {
            return false;
        }
        if (candidate.width() >= base.width() || candidate.height() >= base.height()) {
            return false;
        }
        double downsampleX = base.width() / (double) candidate.width();
        double downsampleY = base.height() / (double) candidate.height();
        // Rounding of small levels moves the ratio by up to one pixel in either direction.
        double slack = ASPECT_TOLERANCE + 1.0 / Math.min(candidate.width(), candidate.height());
        return Math.abs(downsampleX - downsampleY) / downsampleX <= slack;
    }
}
