package org.ctl.infra.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4): {@code # TYPE} and {@code # HELP} lines, and
 * samples {@code name{label="value",...} value [timestamp]} with escaped label values ({@code \\ \" \n}) and the
 * special values NaN, +Inf and -Inf. A malformed line fails the parse, naming the line.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank() || line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2) {
                    throw new AssertionError("line " + number + ": malformed TYPE: " + line);
                }
                parsed.types.put(parts[0], parts[1]);
            } else if (line.startsWith("#")) {
                continue;
            } else {
                parsed.samples.add(sample(line, number));
            }
        }
        return parsed;
    }

    private static Sample sample(String line, int number) {
        int at = 0;
        while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_'
                || line.charAt(at) == ':')) {
            at++;
        }
        String name = line.substring(0, at);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new AssertionError("line " + number + ": no metric name: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String label = line.substring(at, equals).strip();
                if (line.charAt(equals + 1) != '"') {
                    throw new AssertionError("line " + number + ": unquoted label value: " + line);
                }
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                for (; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char escaped = line.charAt(++i);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).strip().split(" ");
        return new Sample(name, labels, value(rest[0], line, number));
    }

    private static double value(String text, String line, int number) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException malformed) {
                    throw new AssertionError("line " + number + ": malformed value: " + line, malformed);
                }
            }
        };
    }

    /** The one sample of {@code name} whose labels include {@code labels} (as name, value pairs). */
    Optional<Double> value(String name, String... labels) {
        List<Sample> found = samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one sample of " + name + " with " + List.of(labels) + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** Every sample of {@code name}. */
    List<Sample> all(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }
}
