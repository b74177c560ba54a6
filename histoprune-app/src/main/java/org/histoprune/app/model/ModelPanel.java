package org.histoprune.app.model;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.histoprune.app.session.Session;
import org.histoprune.nn.Branch;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;

/**
 * The model section: the session's model, where it came from, its size per branch, a picker of the models this
 * build ships (dense, and "Fast (pruned)" when bundled) and a button to load another from a file.
 */
public final class ModelPanel extends VBox {
    private final Label name = new Label("Loading the bundled model\u2026");
    private final Label details = new Label();
    private final ChoiceBox<Branch> branch = new ChoiceBox<>();
    private final Button load = new Button("Load model\u2026");
    private final ChoiceBox<BundledModel> bundled = new ChoiceBox<>();
    private NucleiModel model;

    /** {@code onBundled} loads the bundled model picked among {@code shipped}. */
    public ModelPanel(Session session, Runnable onLoad, List<BundledModel> shipped, Consumer<BundledModel> onBundled) {
        super(8);
        name.setId("model-name");
        name.setWrapText(true);
        name.getStyleClass().add("fact-value");
        details.setId("model-details");
        details.getStyleClass().add("fact-name");
        details.setWrapText(true);
        branch.setId("model-branch");
        branch.getItems().addAll(Branch.values());
        branch.setValue(Branch.SEGMENTATION);
        branch.setConverter(new StringConverter<>() {
            @Override
            public String toString(Branch value) {
                return value == null ? "" : capitalised(value.key());
            }

            @Override
            public Branch fromString(String text) {
                return Branch.valueOf(text.toUpperCase(Locale.ROOT));
            }
        });
        branch.valueProperty().addListener((property, old, value) -> showDetails());
        load.setId("load-model");
        load.setOnAction(event -> onLoad.run());
        bundled.setId("bundled-model");
        bundled.getItems().addAll(shipped);
        bundled.setConverter(new StringConverter<>() {
            @Override
            public String toString(BundledModel value) {
                return value == null ? "" : value.label();
            }

            @Override
            public BundledModel fromString(String text) {
                return shipped.stream().filter(m -> m.label().equals(text)).findFirst().orElse(null);
            }
        });
        bundled.setOnAction(event -> {
            if (bundled.getValue() != null) {
                onBundled.accept(bundled.getValue());
            }
        });
        HBox branchRow = new HBox(8, new Label("Branch"), branch);
        branchRow.setAlignment(Pos.CENTER_LEFT);
        HBox bundledRow = new HBox(8, new Label("Bundled"), bundled);
        bundledRow.setAlignment(Pos.CENTER_LEFT);
        bundledRow.setVisible(!shipped.isEmpty());
        bundledRow.setManaged(!shipped.isEmpty());
        getChildren().addAll(name, branchRow, details, bundledRow, load);
        branchRow.disableProperty().bind(branch.disabledProperty());
        branch.setDisable(true);
        session.model().addListener((property, old, now) -> showModel(now, session.modelSource().get()));
        session.modelSource().addListener((property, old, now) -> showModel(session.currentModel(), now));
    }

    public Button loadButton() {
        return load;
    }

    /** The picker of bundled models. */
    public ChoiceBox<BundledModel> bundledPicker() {
        return bundled;
    }

    private void showModel(NucleiModel newModel, String source) {
        model = newModel;
        branch.setDisable(model == null);
        if (model == null) {
            name.setText(source);
            details.setText("");
            return;
        }
        name.setText(String.format(Locale.ROOT, "%s \u00b7 U-Net base %d, depth %d", source, model.config().base(),
                model.config().depth()));
        showDetails();
    }

    private void showDetails() {
        if (model == null) {
            return;
        }
        Branch shown = branch.getValue();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s branch: %,d parameters",
                capitalised(shown.key()), model.parameterCount(shown)));
        var provenance = model.provenance();
        if (provenance.steps() > 0) {
            text.append(String.format(Locale.ROOT, "%ntrained %,d steps", provenance.steps()));
            if (provenance.wallSeconds() > 0) {
                text.append(String.format(Locale.ROOT, " in %.0f min", provenance.wallSeconds() / 60));
            }
        }
        MetricNames.lines(provenance.metrics(), 4).forEach(line -> text.append(System.lineSeparator()).append(line));
        details.setText(text.toString());
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
