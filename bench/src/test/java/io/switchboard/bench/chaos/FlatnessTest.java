package io.switchboard.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlatnessTest {

  @Test
  void slopeOfAStraightLineIsItsGradient() {
    double[] x = {4, 5, 6, 7, 8};
    double[] y = {100, 120, 140, 160, 180};
    assertEquals(20.0, Flatness.slope(x, y), 1e-9);
  }

  @Test
  void slopeIgnoresAlternatingNoise() {
    double[] x = new double[26];
    double[] y = new double[26];
    for (int i = 0; i < x.length; i++) {
      x[i] = 4 + i;
      y[i] = 5000 + (i % 2 == 0 ? 60 : -60);
    }
    Flatness f = Flatness.judge("keys", x, y, 30, 0.02, 20);
    assertTrue(f.ok(), f.describe("", 1));
    assertTrue(Math.abs(f.slopePerMin()) < 5, "slope " + f.slopePerMin());
  }

  @Test
  void aSteadyTwentyKeysPerMinuteOnFiveThousandIsNotFlat() {
    // the growth the last 30-minute soak showed (4,650 at 4 min → 5,220 at 30 min): within the old
    // "last third vs first third + 10 %" tolerance, but a leak
    double[] x = new double[27];
    double[] y = new double[27];
    for (int i = 0; i < x.length; i++) {
      x[i] = 4 + i;
      y[i] = 4650 + 20 * i;
    }
    Flatness f = Flatness.judge("keys", x, y, 30, 0.02, 20);
    assertEquals(20.0, f.slopePerMin(), 1e-9);
    assertEquals(600.0, f.drift(), 1e-6);
    assertFalse(f.ok(), f.describe("", 1));
  }

  @Test
  void shrinkingIsNotFlatEither() {
    double[] x = {4, 10, 16, 22, 28};
    double[] y = {5000, 4800, 4600, 4400, 4200};
    assertFalse(Flatness.judge("keys", x, y, 30, 0.02, 20).ok());
  }

  /** The open files of the 30-minute soak of 2026-12-02 03:27 (t ≥ 240 s): at 140, dipping early when idle connections closed. */
  private static final double[] FILES = {120, 121, 138, 126, 126, 131, 138, 138, 140, 140, 125, 140, 140, 140, 140, 133, 140, 140, 132, 140, 140,
      140, 140, 140, 140, 140, 140};

  private static double[] minutes(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4 + i;
    }
    return x;
  }

  @Test
  void aCeilingWithEarlyDipsIsFlatByTheRobustSlope() {
    double[] x = minutes(FILES.length);
    assertFalse(Flatness.judge("open files", x, FILES, 30, 0.05, 8).ok(), "least squares is tilted by the early dips");
    Flatness robust = Flatness.judgeRobust("open files", x, FILES, 30, 0.05, 8);
    assertTrue(Math.abs(robust.slopePerMin()) < 0.2, "slope " + robust.slopePerMin());
    assertTrue(robust.ok(), robust.describe("", 1));
  }

  @Test
  void aSteadyFileLeakIsNotFlatByTheRobustSlopeEither() {
    double[] x = minutes(FILES.length);
    double[] leaking = new double[FILES.length];
    for (int i = 0; i < leaking.length; i++) {
      leaking[i] = FILES[i] + i; // one more descriptor a minute
    }
    Flatness robust = Flatness.judgeRobust("open files", x, leaking, 30, 0.05, 8);
    assertTrue(robust.slopePerMin() > 0.9, "slope " + robust.slopePerMin());
    assertFalse(robust.ok(), robust.describe("", 1));
  }

  @Test
  void needsTwoDistinctTimes() {
    assertThrows(IllegalArgumentException.class, () -> Flatness.judge("keys", new double[] {4}, new double[] {1}, 30, 0.02, 20));
    assertThrows(IllegalArgumentException.class, () -> Flatness.judge("keys", new double[] {4, 4}, new double[] {1, 2}, 30, 0.02, 20));
  }
}
