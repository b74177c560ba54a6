package org.histoprune.io;

import java.util.function.ToDoubleFunction;

/** The per-nucleus measurements both exports write, with their CSV column and QuPath measurement names. */
enum Measurement {
    CENTROID_X("centroid_x_px", "Centroid X px", Nucleus::centroidX),
    CENTROID_Y("centroid_y_px", "Centroid Y px", Nucleus::centroidY),
    AREA_PIXELS("area_px", "Area px^2", Nucleus::areaPixels),
    AREA_MICRONS("area_um2", "Area \u00b5m^2", Nucleus::areaMicrons2),
    PERIMETER("perimeter_px", "Perimeter px", Nucleus::perimeter),
    CIRCULARITY("circularity", "Circularity", Nucleus::circularity),
    ECCENTRICITY("eccentricity", "Eccentricity", Nucleus::eccentricity),
    SOLIDITY("solidity", "Solidity", Nucleus::solidity),
    HEMATOXYLIN("hematoxylin_od_mean", "Hematoxylin OD mean", Nucleus::hematoxylin),
    EOSIN("eosin_od_mean", "Eosin OD mean", Nucleus::eosin);

    final String column;
    final String qupathName;
    private final ToDoubleFunction<Nucleus> value;

    Measurement(String column, String qupathName, ToDoubleFunction<Nucleus> value) {
        this.column = column;
        this.qupathName = qupathName;
        this.value = value;
    }

    /** NaN when unknown (the area in microns without a pixel size). */
    double of(Nucleus nucleus) {
        return value.applyAsDouble(nucleus);
    }
}
