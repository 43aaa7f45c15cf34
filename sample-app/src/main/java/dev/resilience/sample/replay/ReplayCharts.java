package dev.resilience.sample.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws the charts of a replay report as SVG files with JFreeChart: offered and served tokens per
 * second per tier, 429s per second per tier, the breaker's state on the time axis, fallback
 * counts by kind, and latency percentiles per tier. The model outage is shaded where it applies.
 */
final class ReplayCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final String[] STATES = {"CLOSED", "HALF_OPEN", "OPEN"};
    private static final Color FREE = new Color(200, 80, 40);
    private static final Color PREMIUM = new Color(40, 90, 200);
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private ReplayCharts() {}

    /** Writes the charts into {@code directory} and returns their file names. */
    static List<String> write(ReplayResult result, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> files = new ArrayList<>();
        files.add(save(directory, "tokens-per-second.svg", tokens(result)));
        files.add(save(directory, "rate-limited-per-second.svg", rejections(result)));
        files.add(save(directory, "breaker-state.svg", breaker(result)));
        files.add(save(directory, "fallbacks-by-kind.svg", fallbacks(result)));
        files.add(save(directory, "latency-by-tier.svg", latency(result)));
        return files;
    }

    private static JFreeChart tokens(ReplayResult result) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String tier : tiers(result)) {
            data.addSeries(perSecond(result, tier + " offered", tier, false, true));
            data.addSeries(perSecond(result, tier + " served", tier, true, true));
        }
        return shaded(
                result,
                ChartFactory.createXYLineChart(
                        "Offered vs served tokens per second",
                        "replay time (s)",
                        "tokens / s",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false));
    }

    private static JFreeChart rejections(ReplayResult result) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String tier : tiers(result)) {
            XYSeries series = new XYSeries(tier + " 429");
            bucket(result, o -> o.tenant().tier().equals(tier) && o.kind() == OutcomeKind.RATE_LIMITED, o -> 1)
                    .forEach(series::add);
            data.addSeries(series);
        }
        return shaded(
                result,
                ChartFactory.createXYLineChart(
                        "429 responses per second",
                        "replay time (s)",
                        "429 / s",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false));
    }

    private static JFreeChart breaker(ReplayResult result) {
        XYSeries series = new XYSeries("state");
        String state = "CLOSED";
        series.add(0.0, index(state));
        for (Transition t : result.transitions()) {
            series.add(t.atNanos() / 1e9, index(t.to()));
            state = t.to();
        }
        series.add(result.wallNanos() / 1e9, index(state));
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Breaker '" + result.options().breaker() + "' state",
                "replay time (s)",
                "state",
                new XYSeriesCollection(series),
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(new XYStepRenderer());
        plot.setRangeAxis(new SymbolAxis("state", STATES));
        return shaded(result, chart);
    }

    private static JFreeChart fallbacks(ReplayResult result) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ReportWriter.fallbacksByKind(result).forEach((kind, count) -> data.addValue(count, "requests", kind));
        return styled(
                ChartFactory.createBarChart("Requests served by a fallback, by kind", "served by", "requests", data));
    }

    private static JFreeChart latency(ReplayResult result) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (TierStats s : ReportWriter.stats(result)) {
            data.addValue(s.p50Millis(), "p50", s.tier());
            data.addValue(s.p95Millis(), "p95", s.tier());
            data.addValue(s.p99Millis(), "p99", s.tier());
        }
        return styled(ChartFactory.createBarChart("Latency of served requests by tier", "tier", "ms", data));
    }

    private static XYSeries perSecond(
            ReplayResult result, String name, String tier, boolean servedOnly, boolean tokens) {
        XYSeries series = new XYSeries(name);
        bucket(
                        result,
                        o -> o.tenant().tier().equals(tier)
                                && (!servedOnly
                                        || o.kind() == OutcomeKind.ADMITTED
                                        || o.kind() == OutcomeKind.FALLBACK),
                        o -> tokens ? o.offeredTokens() : 1)
                .forEach(series::add);
        return series;
    }

    private static Map<Double, Long> bucket(
            ReplayResult result,
            java.util.function.Predicate<Outcome> filter,
            java.util.function.ToLongFunction<Outcome> weight) {
        Map<Double, Long> buckets = new TreeMap<>();
        long seconds = result.wallNanos() / 1_000_000_000L + 1;
        for (long s = 0; s < seconds; s++) {
            buckets.put((double) s, 0L);
        }
        for (Outcome o : result.outcomes()) {
            if (filter.test(o)) {
                buckets.merge((double) (o.startNanos() / 1_000_000_000L), weight.applyAsLong(o), Long::sum);
            }
        }
        return buckets;
    }

    private static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            XYItemRenderer renderer = plot.getRenderer();
            for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
                String key = plot.getDataset().getSeriesKey(i).toString();
                renderer.setSeriesPaint(i, key.startsWith("premium") ? PREMIUM : FREE);
                renderer.setSeriesStroke(i, key.endsWith("offered") ? DASHED : SOLID);
            }
        }
        return chart;
    }

    private static JFreeChart shaded(ReplayResult result, JFreeChart chart) {
        styled(chart);
        if (result.outageStartNanos() >= 0) {
            IntervalMarker outage = new IntervalMarker(result.outageStartNanos() / 1e9, result.outageEndNanos() / 1e9);
            outage.setPaint(new Color(255, 200, 200));
            outage.setAlpha(0.4f);
            outage.setLabel("large model down");
            chart.getXYPlot().addDomainMarker(outage);
        }
        return chart;
    }

    private static List<String> tiers(ReplayResult result) {
        return result.outcomes().stream()
                .map(o -> o.tenant().tier())
                .distinct()
                .sorted()
                .toList();
    }

    private static int index(String state) {
        for (int i = 0; i < STATES.length; i++) {
            if (STATES[i].equals(state)) {
                return i;
            }
        }
        return STATES.length - 1;
    }

    private static String save(Path directory, String file, JFreeChart chart) throws IOException {
        SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(graphics, new Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(directory.resolve(file), graphics.getSVGDocument(), StandardCharsets.UTF_8);
        return file;
    }
}
