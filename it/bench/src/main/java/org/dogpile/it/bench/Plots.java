package org.dogpile.it.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small Java2D renderer for the benchmark's PNG plots: stacked scatter panels with a logarithmic
 * y axis, and grouped bars with a logarithmic y axis. No external tool is needed.
 */
public final class Plots {
    /** The colour of each system, in the order @Dogpile, Spring, no cache, then for further series. */
    public static final List<Color> SYSTEM_COLORS = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x7f7f7f), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd));

    private static final int WIDTH = 1000;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 16);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);
    private static final Font SMALL = new Font("SansSerif", Font.PLAIN, 11);

    private Plots() {
    }

    /**
     * One scatter panel.
     *
     * @param title the panel's title
     * @param xs x values
     * @param ys y values, positive
     * @param color the points' colour
     */
    public record Panel(String title, double[] xs, double[] ys, Color color) {
    }

    /**
     * Stacked scatter panels sharing both axes; y is logarithmic.
     *
     * @param out the PNG file
     * @param title the figure's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param xMin left end of x
     * @param xMax right end of x
     * @param yMin bottom of y, positive
     * @param yMax top of y
     * @param shadeFrom start of a shaded x band (the regeneration), or NaN for none
     * @param shadeTo end of the shaded band
     * @param panels the panels, top to bottom
     * @throws IOException when the file cannot be written
     */
    public static void scatterPanels(Path out, String title, String xLabel, String yLabel, double xMin, double xMax,
            double yMin, double yMax, double shadeFrom, double shadeTo, List<Panel> panels) throws IOException {
        int panelHeight = 230;
        int top = 50;
        int gap = 45;
        int height = top + panels.size() * (panelHeight + gap) + 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        centered(g, title, WIDTH / 2, 28);
        int plotWidth = WIDTH - LEFT - RIGHT;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int y0 = top + p * (panelHeight + gap) + 18;
            Axes axes = new Axes(LEFT, y0, plotWidth, panelHeight - 18, xMin, xMax, yMin, yMax);
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            g.drawString(panel.title(), LEFT, y0 - 6);
            if (!Double.isNaN(shadeFrom)) {
                g.setColor(new Color(0xf2e6d9));
                double a = axes.x(Math.max(shadeFrom, xMin));
                double b = axes.x(Math.min(shadeTo, xMax));
                g.fill(new Rectangle2D.Double(a, axes.top, b - a, axes.height));
            }
            axes.logYGrid(g, yLabel);
            axes.linearXGrid(g, p == panels.size() - 1 ? xLabel : null);
            g.setColor(new Color(0, 0, 0, 140));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            if (xMin < 0 && xMax > 0) {
                g.draw(new Line2D.Double(axes.x(0), axes.top, axes.x(0), axes.top + axes.height));
            }
            g.setStroke(new BasicStroke(1f));
            Color c = panel.color();
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            g.setClip(new Rectangle2D.Double(axes.left, axes.top, axes.width + 1, axes.height + 1));
            for (int i = 0; i < panel.xs().length; i++) {
                double x = panel.xs()[i];
                double y = Math.max(panel.ys()[i], yMin);
                if (x >= xMin && x <= xMax) {
                    g.fill(new Ellipse2D.Double(axes.x(x) - 2, axes.y(y) - 2, 4, 4));
                }
            }
            g.setClip(null);
            g.setColor(Color.DARK_GRAY);
            g.draw(new Rectangle2D.Double(axes.left, axes.top, axes.width, axes.height));
        }
        g.dispose();
        ImageIO.write(image, "png", out.toFile());
    }

    /**
     * Grouped bars with a logarithmic y axis and the value above each bar.
     *
     * @param out the PNG file
     * @param title the figure's title
     * @param yLabel the y axis label
     * @param categories the groups, left to right
     * @param series the bars of each group, one per series (legend)
     * @param values {@code values[series][category]}, positive
     * @param yMax the top of the y axis
     * @throws IOException when the file cannot be written
     */
    public static void groupedBars(Path out, String title, String yLabel, List<String> categories, List<String> series,
            double[][] values, double yMax) throws IOException {
        int height = 480;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        centered(g, title, WIDTH / 2, 28);
        Axes axes = new Axes(LEFT, 80, WIDTH - LEFT - RIGHT, height - 80 - 60, 0, categories.size(), 0.5, yMax);
        axes.logYGrid(g, yLabel);
        double groupWidth = axes.width / categories.size();
        double barWidth = groupWidth * 0.7 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double groupLeft = axes.left + c * groupWidth + groupWidth * 0.15;
            for (int s = 0; s < series.size(); s++) {
                double value = values[s][c];
                double x = groupLeft + s * barWidth;
                double y = axes.y(Math.max(value, 0.5));
                g.setColor(SYSTEM_COLORS.get(s % SYSTEM_COLORS.size()));
                g.fill(new Rectangle2D.Double(x + 2, y, barWidth - 4, axes.top + axes.height - y));
                g.setColor(Color.BLACK);
                g.setFont(SMALL);
                centered(g, format(value), (int) (x + barWidth / 2), (int) y - 4);
            }
            g.setFont(LABEL);
            centered(g, categories.get(c), (int) (axes.left + (c + 0.5) * groupWidth), (int) (axes.top + axes.height + 20));
        }
        g.setColor(Color.DARK_GRAY);
        g.draw(new Rectangle2D.Double(axes.left, axes.top, axes.width, axes.height));
        int legendX = LEFT;
        g.setFont(LABEL);
        for (int s = 0; s < series.size(); s++) {
            g.setColor(SYSTEM_COLORS.get(s % SYSTEM_COLORS.size()));
            g.fillRect(legendX, 48, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), legendX + 20, 60);
            legendX += 40 + g.getFontMetrics().stringWidth(series.get(s));
        }
        g.dispose();
        ImageIO.write(image, "png", out.toFile());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.2f", value);
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, y);
    }

    /** Maps data to pixels: linear x, logarithmic y. */
    private static final class Axes {
        final double left;
        final double top;
        final double width;
        final double height;
        final double xMin;
        final double xMax;
        final double logMin;
        final double logMax;

        Axes(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax) {
            this.left = left;
            this.top = top;
            this.width = width;
            this.height = height;
            this.xMin = xMin;
            this.xMax = xMax;
            this.logMin = Math.log10(yMin);
            this.logMax = Math.log10(yMax);
        }

        double x(double value) {
            return left + (value - xMin) / (xMax - xMin) * width;
        }

        double y(double value) {
            return top + height - (Math.log10(value) - logMin) / (logMax - logMin) * height;
        }

        void logYGrid(Graphics2D g, String label) {
            g.setFont(SMALL);
            for (int e = (int) Math.ceil(logMin); e <= Math.floor(logMax); e++) {
                double value = Math.pow(10, e);
                double py = y(value);
                g.setColor(new Color(0xdddddd));
                g.draw(new Line2D.Double(left, py, left + width, py));
                g.setColor(Color.BLACK);
                String text = e >= 0 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%." + (-e) + "f", value);
                g.drawString(text, (int) left - 6 - g.getFontMetrics().stringWidth(text), (int) py + 4);
            }
            if (label != null) {
                Graphics2D rotated = (Graphics2D) g.create();
                rotated.setFont(LABEL);
                rotated.rotate(-Math.PI / 2);
                FontMetrics metrics = rotated.getFontMetrics();
                rotated.drawString(label, (int) -(top + height / 2 + metrics.stringWidth(label) / 2.0), 18);
                rotated.dispose();
            }
        }

        void linearXGrid(Graphics2D g, String label) {
            double span = xMax - xMin;
            double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
            if (span / step > 12) {
                step *= 2;
            }
            g.setFont(SMALL);
            for (double v = Math.ceil(xMin / step) * step; v <= xMax + 1e-9; v += step) {
                double px = x(v);
                g.setColor(new Color(0xeeeeee));
                g.draw(new Line2D.Double(px, top, px, top + height));
                g.setColor(Color.BLACK);
                centered(g, String.format(Locale.ROOT, "%.0f", v), (int) px, (int) (top + height + 14));
            }
            if (label != null) {
                g.setFont(LABEL);
                centered(g, label, (int) (left + width / 2), (int) (top + height + 32));
            }
        }
    }
}
