package org.histoprune.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.histoprune.image.LabelImage;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The outer boundary of every instance of a label image as a JTS polygon in image pixel coordinates, the
 * convention QuPath uses: pixel {@code (x, y)} is the unit square from {@code (x, y)} to {@code (x + 1, y + 1)}.
 * <p>
 * The boundary is followed along pixel edges (pixels touching only at a corner are separate pieces), then
 * every corner is cut at the midpoints of its two edges: the pixel staircase would overstate a round
 * nucleus's perimeter by up to 4/pi, the cut outline runs through the middles of the boundary pixel edges,
 * and the area it encloses is exactly the pixel count minus 1/2 per piece (for pieces without holes). Holes
 * are dropped; an instance in several pieces becomes a MultiPolygon.
 */
public final class NucleusOutlines {
    // Directions of a step along pixel edges, as bits: east, south, west, north (y grows downwards).
    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private NucleusOutlines() {
    }

    /** Outlines by label, in increasing label order. */
    public static Map<Integer, Geometry> trace(LabelImage labels) {
        Map<Integer, Geometry> outlines = new LinkedHashMap<>();
        boundingBoxes(labels).forEach((label, box) -> outlines.put(label, outline(labels, label, box)));
        return outlines;
    }

    /**
     * Fewer vertices (Douglas-Peucker): the outline moves by at most {@code tolerance} pixels, except next to a
     * ring's first vertex, which JTS may drop afterwards (up to twice the tolerance); a ring that would cross itself
     * is repaired by JTS. Plain Douglas-Peucker, since the topology-preserving variant builds a
     * segment index per outline and costs about 8x more on MoNuSeg nuclei, which never need it (simple rings).
     */
    public static Geometry simplify(Geometry outline, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("simplification tolerance must be >= 0, got " + tolerance);
        }
        return tolerance == 0 ? outline : DouglasPeuckerSimplifier.simplify(outline, tolerance);
    }

    /** {@code {minX, minY, maxX, maxY}} (inclusive) of every label present. */
    private static Map<Integer, int[]> boundingBoxes(LabelImage labels) {
        Map<Integer, int[]> boxes = new TreeMap<>();
        int width = labels.width();
        int[] ids = labels.labels();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                int x = i % width;
                int y = i / width;
                int[] box = boxes.computeIfAbsent(ids[i], k -> new int[] {x, y, x, y});
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
            }
        }
        return boxes;
    }

    private static Geometry outline(LabelImage labels, int label, int[] box) {
        BoundaryEdges edges = new BoundaryEdges(labels, label, box);
        List<Polygon> pieces = new ArrayList<>();
        for (int[] ring : edges.rings()) {
            if (signedDoubleArea(ring) > 0) { // clockwise on screen: an outer boundary, not a hole
                pieces.add(FACTORY.createPolygon(cutCorners(ring)));
            }
        }
        return pieces.size() == 1 ? pieces.get(0) : FACTORY.createMultiPolygon(pieces.toArray(Polygon[]::new));
    }

    /** Twice the shoelace area of corners {@code x0, y0, x1, y1, ...}; positive for outer boundaries here. */
    private static long signedDoubleArea(int[] ring) {
        long sum = 0;
        int n = ring.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            sum += (long) ring[2 * i] * ring[2 * j + 1] - (long) ring[2 * j] * ring[2 * i + 1];
        }
        return sum;
    }

    /** Each corner becomes the two points half a pixel from it along its edges (one where an edge is 1 long). */
    private static Coordinate[] cutCorners(int[] ring) {
        int n = ring.length / 2;
        CoordinateList cut = new CoordinateList();
        for (int i = 0; i < n; i++) {
            int previous = (i + n - 1) % n;
            int next = (i + 1) % n;
            cut.add(halfway(ring, i, previous), false);
            cut.add(halfway(ring, i, next), false);
        }
        cut.closeRing();
        return cut.toCoordinateArray();
    }

    private static Coordinate halfway(int[] ring, int from, int to) {
        double x = ring[2 * from];
        double y = ring[2 * from + 1];
        return new Coordinate(x + 0.5 * Math.signum(ring[2 * to] - x), y + 0.5 * Math.signum(ring[2 * to + 1] - y));
    }

    /**
     * The directed pixel edges between one label and everything else, with the label on the right of each step,
     * stored per grid corner of the bounding box as direction bits, and linked into closed rings.
     */
    private static final class BoundaryEdges {
        private final int originX;
        private final int originY;
        private final int columns;
        private final byte[] outgoing;

        BoundaryEdges(LabelImage labels, int label, int[] box) {
            originX = box[0];
            originY = box[1];
            columns = box[2] - box[0] + 2;
            outgoing = new byte[columns * (box[3] - box[1] + 2)];
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    if (labels.get(x, y) == label) {
                        addSides(labels, label, x - originX, y - originY);
                    }
                }
            }
        }

        private void addSides(LabelImage labels, int label, int lx, int ly) {
            int x = lx + originX;
            int y = ly + originY;
            if (!same(labels, label, x, y - 1)) {
                add(lx, ly, 0); // top side, walked east
            }
            if (!same(labels, label, x + 1, y)) {
                add(lx + 1, ly, 1); // right side, walked south
            }
            if (!same(labels, label, x, y + 1)) {
                add(lx + 1, ly + 1, 2); // bottom side, walked west
            }
            if (!same(labels, label, x - 1, y)) {
                add(lx, ly + 1, 3); // left side, walked north
            }
        }

        private static boolean same(LabelImage labels, int label, int x, int y) {
            return x >= 0 && y >= 0 && x < labels.width() && y < labels.height() && labels.get(x, y) == label;
        }

        private void add(int x, int y, int direction) {
            outgoing[y * columns + x] |= (byte) (1 << direction);
        }

        /**
         * Closed rings of corner coordinates ({@code x0, y0, x1, y1, ...}, image coordinates). At a corner where
         * two pieces touch diagonally the walk turns right, keeping to the pixel it came along.
         */
        List<int[]> rings() {
            byte[] unused = outgoing.clone();
            List<int[]> rings = new ArrayList<>();
            for (int start = 0; start < unused.length; start++) {
                while (unused[start] != 0) {
                    rings.add(walk(unused, start, Integer.numberOfTrailingZeros(unused[start])));
                }
            }
            return rings;
        }

        private int[] walk(byte[] unused, int start, int startDirection) {
            List<Integer> corners = new ArrayList<>();
            int vertex = start;
            int direction = startDirection;
            int previous = -1;
            do {
                if (direction != previous) {
                    corners.add(vertex);
                }
                unused[vertex] &= (byte) ~(1 << direction);
                vertex += DY[direction] * columns + DX[direction];
                previous = direction;
                direction = nextDirection(vertex, direction);
            } while (vertex != start || direction != startDirection);
            int[] ring = new int[corners.size() * 2];
            for (int i = 0; i < corners.size(); i++) {
                ring[2 * i] = corners.get(i) % columns + originX;
                ring[2 * i + 1] = corners.get(i) / columns + originY;
            }
            return ring;
        }

        /** Right turn if that edge exists, else straight on, else left (a boundary never turns back). */
        private int nextDirection(int vertex, int arriving) {
            for (int turn : new int[] {1, 0, 3}) {
                int candidate = (arriving + turn) % 4;
                if ((outgoing[vertex] & (1 << candidate)) != 0) {
                    return candidate;
                }
            }
            throw new IllegalStateException("open boundary at grid corner " + vertex);
        }
    }
}
