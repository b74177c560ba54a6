package org.histoprune.app.viewer;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import org.histoprune.render.Images;
import org.histoprune.render.RenderState;
import org.histoprune.render.SlideImage;
import org.histoprune.render.ViewRenderer;
import org.histoprune.render.ViewTransform;

/**
 * The slide view: draws frames with {@link ViewRenderer} into an image at most once per pulse, and turns
 * the mouse and keys into view changes (drag pans, wheel zooms around the cursor, + - 0 1 and the arrows).
 * Files dropped on it are handed to the open callback.
 */
public final class SlideViewer extends Region {
    static final double MIN_DOWNSAMPLE = 1 / 16.0;
    private static final double KEY_ZOOM = 1.5;

    private final ViewRenderer renderer = new ViewRenderer();
    private final ImageView imageView = new ImageView();
    private final ReadOnlyObjectWrapper<ViewTransform> transform =
            new ReadOnlyObjectWrapper<>(this, "transform", new ViewTransform(0, 0, 1, 1, 1));
    private final AnimationTimer painter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (dirty) {
                paintNow();
            }
        }
    };
    private RenderState state = RenderState.EMPTY;
    private BufferedImage frame;
    private WritableImage image;
    private boolean dirty = true;
    private boolean fitPending;
    private double dragX;
    private double dragY;
    private Consumer<Point2D> onHover = point -> { };
    private Consumer<Path> onOpen = path -> { };

    public SlideViewer() {
        getStyleClass().add("slide-viewer");
        getChildren().add(imageView);
        setFocusTraversable(true);
        setMinSize(100, 100);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, event -> setCursor(Cursor.DEFAULT));
        addEventHandler(MouseEvent.MOUSE_MOVED, event ->
                onHover.accept(new Point2D(view().imageX(event.getX()), view().imageY(event.getY()))));
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragDropped(event -> {
            var files = event.getDragboard().getFiles();
            boolean accepted = files != null && !files.isEmpty();
            if (accepted) {
                File file = files.get(0);
                onOpen.accept(file.toPath());
            }
            event.setDropCompleted(accepted);
            event.consume();
        });
        painter.start();
    }

    public ReadOnlyObjectProperty<ViewTransform> transformProperty() {
        return transform.getReadOnlyProperty();
    }

    public ViewTransform view() {
        return transform.get();
    }

    public RenderState state() {
        return state;
    }

    public void setOnHover(Consumer<Point2D> listener) {
        onHover = listener;
    }

    public void setOnOpen(Consumer<Path> listener) {
        onOpen = listener;
    }

    /** Shows a new slide (fitted to the view) or new overlays on the same slide. */
    public void setState(RenderState newState) {
        boolean newSlide = newState.slide() != state.slide();
        state = newState;
        if (newSlide) {
            fitPending = true;
            requestLayout();
        }
        repaint();
    }

    public void repaint() {
        dirty = true;
    }

    public void setView(ViewTransform newView) {
        transform.set(clamped(newView));
        repaint();
    }

    public void zoom(double factor) {
        setView(view().zoomAround(factor, view().width() / 2.0, view().height() / 2.0));
    }

    public void fit() {
        SlideImage slide = state.slide();
        if (slide != null) {
            setView(ViewTransform.fit(slide.width(), slide.height(), view().width(), view().height()));
        }
    }

    /** Centres the view on a level-0 point at a downsample (instead of fitting a new slide). */
    public void showAt(double imageX, double imageY, double downsample) {
        fitPending = false;
        setView(view().centredOn(imageX, imageY).withDownsample(downsample));
    }

    public void oneToOne() {
        setView(view().withDownsample(1));
    }

    /** The current frame (for tests and snapshots); painted now if out of date. */
    public BufferedImage currentFrame() {
        if (dirty || frame == null) {
            paintNow();
        }
        return frame;
    }

    public void dispose() {
        painter.stop();
    }

    @Override
    protected void layoutChildren() {
        int width = Math.max(1, (int) getWidth());
        int height = Math.max(1, (int) getHeight());
        if (width != view().width() || height != view().height()) {
            transform.set(view().resized(width, height));
            repaint();
        }
        if (fitPending && getWidth() >= 1 && getHeight() >= 1) {
            fitPending = false;
            fit();
        }
    }

    private ViewTransform clamped(ViewTransform view) {
        SlideImage slide = state.slide();
        double max = slide == null ? 64 : Math.max(4, 2.0 * Math.max(slide.width(), slide.height())
                / Math.min(view.width(), view.height()));
        double downsample = Math.max(MIN_DOWNSAMPLE, Math.min(max, view.downsample()));
        return downsample == view.downsample() ? view : view.withDownsample(downsample);
    }

    private void paintNow() {
        dirty = false;
        ViewTransform view = view();
        if (frame == null || frame.getWidth() != view.width() || frame.getHeight() != view.height()) {
            frame = new BufferedImage(view.width(), view.height(), BufferedImage.TYPE_INT_ARGB_PRE);
            image = new WritableImage(view.width(), view.height());
            imageView.setImage(image);
        }
        Graphics2D g = frame.createGraphics();
        try {
            renderer.render(g, view, state);
        } finally {
            g.dispose();
        }
        image.getPixelWriter().setPixels(0, 0, view.width(), view.height(), PixelFormat.getIntArgbPreInstance(),
                Images.pixels(frame), 0, view.width());
    }

    private void pressed(MouseEvent event) {
        requestFocus();
        dragX = event.getX();
        dragY = event.getY();
    }

    private void dragged(MouseEvent event) {
        setCursor(Cursor.CLOSED_HAND);
        setView(view().panByScreen(event.getX() - dragX, event.getY() - dragY));
        dragX = event.getX();
        dragY = event.getY();
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            double factor = Math.pow(1.25, -event.getDeltaY() / 40);
            setView(view().zoomAround(factor, event.getX(), event.getY()));
        }
        event.consume();
    }

    private void keyPressed(KeyEvent event) {
        double step = 0.1 * Math.min(view().width(), view().height());
        switch (event.getCode()) {
            case PLUS, ADD, EQUALS -> zoom(1 / KEY_ZOOM);
            case MINUS, SUBTRACT -> zoom(KEY_ZOOM);
            case DIGIT0, NUMPAD0 -> fit();
            case DIGIT1, NUMPAD1 -> oneToOne();
            case LEFT -> setView(view().panByScreen(step, 0));
            case RIGHT -> setView(view().panByScreen(-step, 0));
            case UP -> setView(view().panByScreen(0, step));
            case DOWN -> setView(view().panByScreen(0, -step));
            default -> {
                return;
            }
        }
        event.consume();
    }
}
