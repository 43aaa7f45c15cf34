package dev.resilience.benchmarks.memory;

/**
 * The heap retained by a number of like items, measured after a full collection.
 *
 * @param name what was measured, as the report refers to it
 * @param items how many items were alive
 * @param bytesPerItem the growth of the used heap divided by {@code items}
 */
public record Footprint(String name, int items, double bytesPerItem) {

    /** This footprint as one JSON object. */
    String toJson() {
        return String.format(
                java.util.Locale.ROOT,
                "{\"name\": \"%s\", \"items\": %d, \"bytesPerItem\": %.1f}",
                name,
                items,
                bytesPerItem);
    }
}
