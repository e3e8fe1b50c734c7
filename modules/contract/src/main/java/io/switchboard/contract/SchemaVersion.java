package io.switchboard.contract;

/** Every JSON message on the bus carries {@code "v"}: the schema version of its record. */
public final class SchemaVersion {
  private SchemaVersion() {}

  public static final String FIELD = "v";
  public static final int CURRENT = 1;
}
