package org.histoprune.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceParametersTest {
    @Test
    void defaultsFollowThePaperAndDeriveSigma() {
        InstanceParameters defaults = InstanceParameters.defaults();
        assertEquals(0.5, defaults.foregroundThreshold());
        assertEquals(30, defaults.minObjectSize());
        assertTrue(Double.isNaN(defaults.fixedSigma()));
        // A nucleus of area 100*pi has radius 10.
        assertEquals(10 * defaults.sigmaPerRadius(), defaults.sigmaFor(100 * Math.PI), 1e-12);
    }

    @Test
    void withersChangeOneSettingEach() {
        InstanceParameters defaults = InstanceParameters.defaults();
        assertEquals(defaults.withMinHeight(0.3),
                new InstanceParameters(0.5, 30, defaults.sigmaPerRadius(), Double.NaN, 0.3, defaults.minDistance()));
        InstanceParameters changed = defaults.withForegroundThreshold(0.4).withMinObjectSize(10)
                .withSigmaPerRadius(0.5).withFixedSigma(2).withMinHeight(0.2).withMinDistance(5);
        assertEquals(new InstanceParameters(0.4, 10, 0.5, 2, 0.2, 5), changed);
        assertEquals(2, changed.sigmaFor(1000), "a fixed sigma wins over the derived one");
        assertEquals(5, changed.withFixedSigma(InstanceParameters.DERIVED).sigmaFor(100 * Math.PI), 1e-12);
    }

    @Test
    void refusesSettingsOutOfRange() {
        InstanceParameters defaults = InstanceParameters.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withForegroundThreshold(1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withForegroundThreshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMinObjectSize(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withSigmaPerRadius(-0.1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFixedSigma(-2));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMinHeight(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMinDistance(-1));
    }
}
