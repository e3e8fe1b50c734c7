package io.switchboard.gateway;

import static io.switchboard.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  @Test
  void fiveFailuresBlockThatClientAndNameOnlyAndSuccessClears() {
    LoginThrottle t = new LoginThrottle(5, 60_000);
    for (int i = 0; i < 4; i++) {
      t.failed("10.0.0.1|alice");
    }
    assertFalse(t.blocked("10.0.0.1|alice"));
    t.failed("10.0.0.1|alice");
    assertTrue(t.blocked("10.0.0.1|alice"));
    assertFalse(t.blocked("10.0.0.2|alice"), "another client");
    assertFalse(t.blocked("10.0.0.1|bob"), "another name");
    t.succeeded("10.0.0.1|alice");
    assertFalse(t.blocked("10.0.0.1|alice"));
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() throws InterruptedException {
    LoginThrottle t = new LoginThrottle(2, 100);
    t.failed("k");
    t.failed("k");
    assertTrue(t.blocked("k"));
    eventually("the window passed", Duration.ofSeconds(2), () -> assertFalse(t.blocked("k"), "the window passed"));
  }

  @Test
  void aSprayOfRandomNamesStaysBoundedAndDoesNotWashOutAThrottledKey() {
    LoginThrottle t = new LoginThrottle(5, 60_000, 1_000);
    for (int i = 0; i < 8; i++) {
      t.failed("10.0.0.9|admin"); // the attacker's real target, failing again and again
      t.blocked("10.0.0.9|admin");
    }
    int stillBlocked = 0;
    int checks = 0;
    for (int i = 0; i < 200_000; i++) {
      t.failed("10.0.0.9|random-" + i);
      if (i % 200 == 0) { // meanwhile the attacker keeps trying the real name
        checks++;
        stillBlocked += t.blocked("10.0.0.9|admin") ? 1 : 0;
      }
    }
    assertTrue(t.size() <= 1_000, "bounded: " + t.size());
    assertTrue(stillBlocked == checks, "a key that keeps being tried survives the spray: blocked " + stillBlocked + " of " + checks);
  }
}
