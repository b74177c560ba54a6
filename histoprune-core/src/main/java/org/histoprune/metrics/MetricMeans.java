package org.histoprune.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

/** Dataset aggregates: the component-wise mean over images of a score record whose components are all doubles. */
public final class MetricMeans {
    private MetricMeans() {
    }

    /** E.g. {@code MetricMeans.of(InstanceScores.class, perImage)}. */
    public static <R extends Record> R of(Class<R> type, Collection<R> scores) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Object[] means = new Object[components.length];
        try {
            for (int c = 0; c < components.length; c++) {
                if (components[c].getType() != double.class) {
                    throw new IllegalArgumentException(type.getSimpleName() + "." + components[c].getName()
                            + " is not a double");
                }
                parameterTypes[c] = double.class;
                double sum = 0;
                for (R score : scores) {
                    sum += (double) components[c].getAccessor().invoke(score);
                }
                means[c] = sum / scores.size();
            }
            return type.getDeclaredConstructor(parameterTypes).newInstance(means);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot average " + type.getName(), e);
        }
    }
}
