package io.switchboard.app;

import io.switchboard.platform.config.Settings;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Entry point of {@code switchboard.jar}. Exit codes: 0 after a clean shutdown, 2 for a start-up
 * problem (printed as one line on stderr), 1 for anything unexpected.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    LaunchOptions options = new LaunchOptions();
    CommandLine cli = new CommandLine(options);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("switchboard: error: " + e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }
    if (cli.isUsageHelpRequested()) {
      cli.usage(System.out);
      return;
    }
    if (cli.isVersionHelpRequested()) {
      cli.printVersionHelp(System.out);
      return;
    }
    if (options.hashPassword) {
      System.exit(PasswordHashCommand.run(System.in, System.out, System.err));
    }
    System.exit(run(options));
  }

  static int run(LaunchOptions options) {
    SwitchboardNode node;
    Settings settings;
    try {
      settings = ConfigLoader.load(options.configFile, options.overrides(), System.getenv());
      node = SwitchboardNode.start(settings);
    } catch (StartupException e) {
      System.err.println("switchboard: error: " + e.getMessage());
      return 2;
    } catch (Throwable e) {
      // an Error (e.g. a class missing from a broken build) must still end the process
      System.err.println("switchboard: error: unexpected start-up failure: " + ConfigLoader.rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "switchboard-shutdown"));
    if (node.httpPort() > 0) {
      String url = "http://localhost:" + node.httpPort() + "/";
      System.out.println("switchboard: ready on " + url);
      // a person at the console reads this block; scripts that wait for the ready line ignore it
      settings.optString(LauncherKeys.READY_SUMMARY).ifPresent(s ->
          System.out.println(System.lineSeparator() + s.replace("{url}", url).lines().map(l -> "  " + l).collect(Collectors.joining(System.lineSeparator())) + System.lineSeparator()));
    } else {
      System.out.println("switchboard: ready (no HTTP on this node)");
    }
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
