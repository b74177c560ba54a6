package org.histoprune.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import org.histoprune.app.session.Session;
import org.histoprune.nn.BundledModel;
import org.histoprune.nn.NucleiModel;
import org.histoprune.nn.Provenance;
import org.histoprune.nn.UNetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The model section follows the session, no window needed: the model's name, size and metrics in words. */
class ModelPanelTest extends FxRobot {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void showsTheSessionsModelWithReadableMetrics() {
        Session session = new Session();
        ModelPanel[] panel = new ModelPanel[1];
        interact(() -> panel[0] = new ModelPanel(session, () -> { }, List.of(), picked -> { }));
        try (NucleiModel model = NucleiModel.create(new UNetConfig(4, 2), 1)) {
            model.setProvenance(new Provenance("monuseg/train", "train", 3, 1600, 2100,
                    Map.of("val_pixel_dice", 0.634, "best_val_score", 0.41, "val_reg_mse", 0.0123), "2026-01-01"));
            interact(() -> session.setModel(model, "nuclei-unet4.hpm"));
            String name = label(panel[0], "#model-name");
            String details = label(panel[0], "#model-details");
            assertTrue(name.startsWith("nuclei-unet4.hpm \u00b7 U-Net base 4, depth 2"), name);
            assertTrue(details.contains("trained 1,600 steps in 35 min"), details);
            assertTrue(details.contains("validation Dice 0.63"), details);
            assertTrue(details.contains("validation distance MSE 0.0123"), details);
            assertFalse(details.contains("_"), "no raw keys: " + details);
            interact(() -> session.setModel(null, "No model"));
            assertEquals("No model", label(panel[0], "#model-name"));
            assertEquals("", label(panel[0], "#model-details"));
        }
    }

    @Test
    void thePickerOffersTheFastModelNextToTheDenseOneAndLoadsThePick() {
        List<BundledModel> picked = new ArrayList<>();
        ModelPanel[] panel = new ModelPanel[1];
        interact(() -> panel[0] = new ModelPanel(new Session(), () -> { },
                List.of(BundledModel.DENSE, BundledModel.FAST), picked::add));
        ChoiceBox<BundledModel> picker = panel[0].bundledPicker();
        assertEquals(List.of("Dense (bundled)", "Fast (pruned)"),
                picker.getItems().stream().map(picker.getConverter()::toString).toList());
        interact(() -> picker.setValue(BundledModel.FAST));
        assertEquals(List.of(BundledModel.FAST), picked);
    }

    private static String label(ModelPanel panel, String id) {
        return ((Label) panel.lookup(id)).getText();
    }
}
