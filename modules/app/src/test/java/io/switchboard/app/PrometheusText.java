package io.switchboard.app;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads Prometheus text exposition: sums the samples of a metric whose labels contain given pairs. */
final class PrometheusText {
  private final List<String> samples;

  PrometheusText(String text) {
    this.samples = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  /** Sum of every sample named {@code name} whose label set contains each of {@code labels}. */
  double sum(String name, String... labels) {
    return samples.stream()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
  }

  /** The samples whose name starts with a prefix, for failure messages. */
  String lines(String prefix) {
    return samples.stream().filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
  }
}
