package io.switchboard.platform.config;

/** A setting is missing or malformed; the message names the key and what was expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
