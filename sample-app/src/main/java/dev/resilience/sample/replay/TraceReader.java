package dev.resilience.sample.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV trace with the header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, as published
 * in the Azure LLM inference traces: timestamps like {@code 2023-11-16 18:15:46.6805900} (any
 * number of fractional digits up to nine), token counts as non-negative integers.
 */
public final class TraceReader {

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private TraceReader() {}

    /**
     * Reads at most {@code limit} rows, and only those arriving within {@code duration} of the
     * first one (when not {@code null}), sorted by arrival.
     *
     * @throws IllegalArgumentException naming the file, line and value when a line is invalid
     */
    public static List<TraceRow> read(Path file, long limit, Duration duration) throws IOException {
        List<TraceRow> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null
                    || !header.trim()
                            .replace("\uFEFF", "")
                            .equalsIgnoreCase("TIMESTAMP,ContextTokens,GeneratedTokens")) {
                throw new IllegalArgumentException(file + ": the first line must be "
                        + "'TIMESTAMP,ContextTokens,GeneratedTokens'; got '" + header + "'");
            }
            LocalDateTime first = null;
            String line;
            for (int number = 2; (line = reader.readLine()) != null && rows.size() < limit; number++) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != 3) {
                    throw invalid(file, number, line, "expected 3 comma-separated values");
                }
                LocalDateTime time = parseTime(file, number, cells[0].trim());
                first = first == null ? time : first;
                long offset = Duration.between(first, time).toNanos();
                if (duration != null && offset > duration.toNanos()) {
                    break;
                }
                rows.add(new TraceRow(offset, tokens(file, number, cells[1]), tokens(file, number, cells[2])));
            }
        }
        rows.sort(java.util.Comparator.comparingLong(TraceRow::offsetNanos));
        return rows;
    }

    private static LocalDateTime parseTime(Path file, int number, String text) {
        try {
            return LocalDateTime.parse(text, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw invalid(file, number, text, "expected a timestamp like 2023-11-16 18:15:46.6805900");
        }
    }

    private static int tokens(Path file, int number, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(file, number, text, "expected a token count of zero or more");
    }

    private static IllegalArgumentException invalid(Path file, int line, String value, String what) {
        return new IllegalArgumentException(file + ":" + line + ": " + what + "; got '" + value + "'");
    }
}
