package io.switchboard.app;

import io.switchboard.platform.auth.PasswordHashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code switchboard.jar --hash-password}: turns a password (first line of stdin) into the PBKDF2
 * hash that {@code auth.users.<name>=<role>:<hash>} takes, so no clear password is ever configured.
 */
final class PasswordHashCommand {
  private PasswordHashCommand() {}

  static int run(InputStream in, PrintStream out, PrintStream err) {
    try {
      String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (password == null || password.length() < 8) {
        err.println("switchboard: error: give a password of at least 8 characters on standard input");
        return 2;
      }
      out.println(PasswordHashes.hash(password));
      return 0;
    } catch (IOException e) {
      err.println("switchboard: error: cannot read standard input: " + e.getMessage());
      return 2;
    }
  }
}
